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
 * 504 with a short exponential back-off; and a try whose answer was lost (a read timeout, a
 * connection dropped after the request left) like a 503. At most {@code maxAttempts} tries in all.
 * The SDK's own retry is switched off so one request never turns into many behind our back.
 *
 * <p>Every request the farm sends can be repeated: reads and deletes are idempotent, resizes and
 * patches set the same values again, and the creates that are not idempotent recognise their own
 * earlier success (jobs and pools by a token in their metadata, tasks by TaskExists for the ids
 * this job was given; see {@link PoolCreation}, {@link TaskSubmitter}).
 */
final class RetryAfterInterceptor implements Interceptor {

    private static final Logger LOG = Logger.getLogger(RetryAfterInterceptor.class.getName());
    private static final Set<Integer> RETRIED = Set.of(429, 500, 502, 503, 504);
    private static final long MAX_WAIT_MS = BatchTimeouts.MAX_WAIT.toMillis();

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
            Response response;
            try {
                response = chain.proceed(request);
            } catch (IOException lost) {
                if (attempt >= maxAttempts || chain.call().isCanceled() || Thread.currentThread().isInterrupted()) {
                    throw lost;
                }
                long wait = Math.min(MAX_WAIT_MS, baseBackoffMs << (attempt - 1));
                LOG.info(() -> request.method() + " " + request.url().encodedPath() + " got no answer (" + lost
                        + "); retrying in " + wait + " ms");
                retries.incrementAndGet();
                pause(wait);
                continue;
            }
            if (!RETRIED.contains(response.code()) || attempt >= maxAttempts) {
                return response;
            }
            long wait = waitMillis(response, attempt);
            LOG.info(() -> request.method() + " " + request.url().encodedPath() + " answered " + response.code()
                    + "; retrying in " + wait + " ms");
            response.close();
            retries.incrementAndGet();
            pause(wait);
        }
    }

    private static void pause(long ms) throws IOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to retry", e);
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
