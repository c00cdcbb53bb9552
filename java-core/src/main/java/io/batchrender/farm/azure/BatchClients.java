package io.batchrender.farm.azure;

import com.microsoft.azure.AzureResponseBuilder;
import com.microsoft.azure.batch.BatchClient;
import com.azure.core.credential.TokenCredential;
import com.microsoft.azure.batch.auth.BatchCredentials;
import com.microsoft.azure.batch.auth.BatchSharedKeyCredentials;
import com.microsoft.azure.serializer.AzureJacksonAdapter;
import com.microsoft.rest.RestClient;
import com.microsoft.rest.protocol.ResponseBuilder;
import com.microsoft.rest.protocol.SerializerAdapter;
import com.microsoft.rest.retry.RetryStrategy;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import retrofit2.Retrofit;

/**
 * Builds the azure-batch 11.2.0 client the way the farm needs it: every try bounded by its
 * {@link BatchTimeouts}, throttling, server errors and lost answers retried by
 * {@link RetryAfterInterceptor} (the SDK's own retry off), connections enough for several task
 * collections in flight.
 */
final class BatchClients {

    private BatchClients() {
    }

    record Built(BatchClient client, RetryAfterInterceptor retry) {
    }

    static Built open(BatchAccount account, Duration baseBackoff) {
        return open(account, EntraBatchCredentials::defaultCredential, Clock.systemUTC(), BatchTimeouts.standard(baseBackoff));
    }

    /**
     * @param entra the Entra ID credential, asked for only when the account has no key (a key is
     *              preferred when both could be used)
     */
    static Built open(BatchAccount account, Supplier<TokenCredential> entra, Clock clock, BatchTimeouts timeouts) {
        BatchCredentials credentials = account.key().isPresent()
                ? new BatchSharedKeyCredentials(account.url(), account.name(), account.key().get())
                : new EntraBatchCredentials(account.url(), entra.get(), clock);
        RetryAfterInterceptor retry = new RetryAfterInterceptor(timeouts.attempts(), timeouts.backoff().toMillis());
        // no callTimeout: it would cut a Retry-After wait short (see BatchTimeouts); each try is bounded below
        OkHttpClient.Builder http = new OkHttpClient.Builder();
        RestClient rest = new RestClient.Builder(http, new Retrofit.Builder())
                .withBaseUrl(account.url())
                .withCredentials(credentials)
                .withSerializerAdapter(new AzureJacksonAdapter())
                .withResponseBuilderFactory(new ResponseBuilder.Factory() {
                    private final AzureResponseBuilder.Factory base = new AzureResponseBuilder.Factory();

                    @Override
                    public <T, E extends com.microsoft.rest.RestException> ResponseBuilder<T, E> newInstance(
                            SerializerAdapter<?> serializerAdapter) {
                        return base.<T, E>newInstance(serializerAdapter).withThrowOnGet404(true);
                    }
                })
                .withConnectionTimeout(timeouts.connect().toMillis(), TimeUnit.MILLISECONDS)
                .withReadTimeout(timeouts.read().toMillis(), TimeUnit.MILLISECONDS)
                .withMaxIdleConnections(16)
                .withRetryStrategy(new RetryStrategy("none", false) {
                    @Override
                    public boolean shouldRetry(int retryCount, okhttp3.Response response) {
                        return false;
                    }
                })
                .withInterceptor(retry)
                .build();
        return new Built(BatchClient.open(rest, account.url()), retry);
    }
}
