package io.batchrender.farm.azure;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Retries what the service asks to be retried: 429 and 503 after their Retry-After, and 500, 502,
 * 504 with a short exponential back-off; at most {@code maxAttempts} tries in all. The SDK's own
 * retry is switched off so one request never turns into many behind our back.
 */
final class RetryAfterInterceptor implements Interceptor {

    private static final Logger LOG = Logger.getLogger(RetryAfterInterceptor.class.getName());
    private static final Set<Integer> RETRIED = Set.of(429, 500, 502, 503, 504);
    private static final long MAX_WAIT_MS = 60_000;

    private final int maxAttempts;
    private final long baseBackoffMs;
    private final AtomicInteger retries = new AtomicInteger();

    RetryAfterInterceptor(int maxAttempts, long baseBackoffMs) {
        this.maxAttempts = maxAttempts;
        this.baseBackoffMs = baseBackoffMs;
    }

    /** How many requests were sent again, since this client was built. */
    int retries() {
        return retries.get();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        for (int attempt = 1; ; attempt++) {
            Response response = chain.proceed(request);
            if (!RETRIED.contains(response.code()) || attempt >= maxAttempts) {
                return response;
            }
            long wait = waitMillis(response, attempt);
            LOG.info(() -> request.method() + " " + request.url().encodedPath() + " answered " + response.code()
                    + "; retrying in " + wait + " ms");
            response.close();
            retries.incrementAndGet();
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting to retry", e);
            }
        }
    }

    private long waitMillis(Response response, int attempt) {
        String after = response.header("Retry-After");
        if (after != null) {
            try {
                return Math.min(MAX_WAIT_MS, Math.max(0, Long.parseLong(after.trim()) * 1000));
            } catch (NumberFormatException ignored) {
                // an HTTP date: fall back to the back-off
            }
        }
        return Math.min(MAX_WAIT_MS, baseBackoffMs << (attempt - 1));
    }
}
