package io.batchrender.storage.azure;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.UserDelegationKey;
import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.azure.storage.common.sas.SasProtocol;
import io.batchrender.storage.ContainerAccess;
import io.batchrender.storage.ContainerNames;
import io.batchrender.storage.StorageException;
import io.batchrender.storage.StorageException.Kind;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Container SAS URLs for Batch jobs: read+list for the asset project a job's nodes download,
 * write for the container its outputs go to. Signed with the account key when the store has one,
 * else with a user-delegation key (Entra ID sign-in; at most 7 days). A store reached through a
 * SAS cannot make SAS URLs.
 */
public final class ContainerSas {

    /** How long a job's SAS lasts unless told otherwise. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(7);
    /** Start a little in the past so a node whose clock runs behind is not refused. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final BlobServiceClient service;
    private final AzureStorageConfig.Auth auth;

    ContainerSas(BlobServiceClient service, AzureStorageConfig.Auth auth) {
        this.service = service;
        this.auth = auth;
    }

    /** Read+list SAS URL of an asset project's container, valid for {@link #DEFAULT_LIFETIME}. */
    public String readListUrl(String container) {
        return url(container, ContainerAccess.READ_LIST, DEFAULT_LIFETIME);
    }

    /** Write SAS URL of an output container, valid for {@link #DEFAULT_LIFETIME}. */
    public String writeUrl(String container) {
        return url(container, ContainerAccess.WRITE, DEFAULT_LIFETIME);
    }

    /**
     * {@code https://account.blob.core.windows.net/container?<sas>}: the container URL with a SAS
     * granting {@code access} for {@code lifetime} from now.
     *
     * @throws StorageException (ACCESS_DENIED) when the store was reached with a SAS, or the
     *                          Entra ID user may not get a user-delegation key
     */
    public String url(String container, ContainerAccess access, Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("a SAS lifetime must be positive");
        }
        BlobContainerClient c = service.getBlobContainerClient(ContainerNames.check(container));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime expiry = now.plus(lifetime);
        BlobContainerSasPermission perms = switch (access) {
            case READ_LIST -> new BlobContainerSasPermission().setReadPermission(true).setListPermission(true);
            case WRITE -> new BlobContainerSasPermission().setWritePermission(true).setCreatePermission(true)
                    .setAddPermission(true).setListPermission(true);
        };
        BlobServiceSasSignatureValues values = new BlobServiceSasSignatureValues(expiry, perms)
                .setStartTime(now.minus(CLOCK_SKEW))
                .setProtocol(c.getBlobContainerUrl().startsWith("https:") ? SasProtocol.HTTPS_ONLY : SasProtocol.HTTPS_HTTP);
        String sas;
        try {
            sas = switch (auth) {
                case CONNECTION_STRING, SHARED_KEY -> c.generateSas(values);
                case ENTRA_ID -> {
                    if (lifetime.compareTo(Duration.ofDays(7)) > 0) {
                        throw new IllegalArgumentException("a user-delegation SAS lasts at most 7 days");
                    }
                    UserDelegationKey key = service.getUserDelegationKey(now.minus(CLOCK_SKEW), expiry);
                    yield c.generateUserDelegationSas(values, key);
                }
                case SAS -> throw new StorageException(Kind.ACCESS_DENIED, "cannot make a SAS from a SAS: use the account key"
                        + " (" + AzureStorageConfig.ENV_KEY + ") or sign in with Entra ID");
            };
        } catch (IllegalStateException | NullPointerException e) {
            // the SDK's way of saying a connection string carried a SAS and no key
            throw new StorageException(Kind.ACCESS_DENIED, "cannot sign a SAS with these credentials: use the account key"
                    + " or sign in with Entra ID", e);
        } catch (StorageException | IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw AzureErrors.map(e, "getting a user-delegation key", service.getAccountName());
        }
        return c.getBlobContainerUrl() + "?" + sas;
    }
}
