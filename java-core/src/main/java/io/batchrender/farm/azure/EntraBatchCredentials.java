package io.batchrender.farm.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.microsoft.azure.batch.auth.BatchCredentials;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * Microsoft Entra ID for the azure-batch 11.2.0 SDK: an azure-identity {@link TokenCredential}
 * (DefaultAzureCredential unless one is given) asked for the Batch scope, its token sent as
 * {@code Authorization: Bearer} on every request and fetched again before it expires (or after the
 * service refused it). The token itself is never logged.
 */
final class EntraBatchCredentials implements BatchCredentials {

    /** The Batch data plane's scope. */
    static final String SCOPE = "https://batch.core.windows.net/.default";
    /** A token this close to its expiry is replaced before it is sent. */
    static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);
    /** One line: how to get a credential, or use a key instead. */
    static final String SIGN_IN = "Cannot sign in to Azure Batch with Microsoft Entra ID: run 'az login', set "
            + "AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET for a service principal, run on a VM with a managed "
            + "identity, or set " + BatchAccount.ACCESS_KEY + " to use the account's key.";

    private static final Logger LOG = Logger.getLogger(EntraBatchCredentials.class.getName());

    private final String baseUrl;
    private final TokenCredential credential;
    private final Clock clock;
    private AccessToken token; // guarded by this

    EntraBatchCredentials(String baseUrl, TokenCredential credential, Clock clock) {
        this.baseUrl = baseUrl;
        this.credential = credential;
        this.clock = clock;
    }

    /** The credential chain azure-identity tries by default: environment, managed identity, Azure CLI, ... */
    static TokenCredential defaultCredential() {
        return new DefaultAzureCredentialBuilder().build();
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public void applyCredentialsFilter(OkHttpClient.Builder builder) {
        builder.addInterceptor(chain -> {
            String bearer = token();
            Response response = chain.proceed(chain.request().newBuilder()
                    .header("Authorization", "Bearer " + bearer).build());
            if (response.code() == 401) {
                forget(bearer); // revoked or not accepted: the next request asks for a new one
            }
            return response;
        });
    }

    /** The current token, fetched when there is none or it expires within {@link #REFRESH_MARGIN}. */
    synchronized String token() throws IOException {
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (token == null || !token.getExpiresAt().minus(REFRESH_MARGIN).isAfter(now)) {
            try {
                AccessToken fresh = credential.getTokenSync(new TokenRequestContext().addScopes(SCOPE));
                if (fresh == null || fresh.getToken() == null || fresh.getToken().isBlank()) {
                    throw new EntraSignInException(SIGN_IN, null);
                }
                token = fresh;
                LOG.fine(() -> "Entra ID token for Azure Batch obtained, valid until " + fresh.getExpiresAt());
            } catch (ClientAuthenticationException e) {
                LOG.log(Level.FINE, "no Entra ID credential for Azure Batch", e);
                throw new EntraSignInException(SIGN_IN, e);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "getting an Entra ID token for Azure Batch failed", e);
                throw new EntraSignInException(SIGN_IN + " (" + e.getClass().getSimpleName() + ")", e);
            }
        }
        return token.getToken();
    }

    private synchronized void forget(String bearer) {
        if (token != null && token.getToken().equals(bearer)) {
            token = null;
        }
    }

    /** No token could be had: the message says how to sign in. An IOException, so OkHttp hands it to the caller. */
    static final class EntraSignInException extends IOException {
        EntraSignInException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
