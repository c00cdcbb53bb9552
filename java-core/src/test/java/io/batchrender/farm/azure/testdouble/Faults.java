package io.batchrender.farm.azure.testdouble;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Faults to inject into the next matching requests: throttling (429 or 503 with Retry-After),
 * a 500 before the request is applied, a 500 after it was applied (the answer is lost, the change
 * is not), an answer held past the client's read timeout after the request was carried out, and task-level
 * ServerError statuses inside an addtaskcollection answer.
 */
public final class Faults {

    /** What goes wrong. */
    public enum Kind {
        THROTTLE_429, BUSY_503, ERROR_500_BEFORE, ERROR_500_AFTER, TASK_SERVER_ERROR,
        /** The request is carried out, then its answer is held for {@link #late} ms: past a client's read timeout. */
        LATE_ANSWER
    }

    private record Rule(String method, Pattern path, Kind kind, int[] left) {
    }

    private final List<Rule> rules = new ArrayList<>();
    private volatile int retryAfterSeconds = 1;
    private volatile long lateMillis = 3_000;

    /** The next {@code times} requests of {@code method} whose path matches {@code pathRegex} fail with {@code kind}. */
    public synchronized Faults add(String method, String pathRegex, Kind kind, int times) {
        rules.add(new Rule(method, Pattern.compile(pathRegex), kind, new int[] {times}));
        return this;
    }

    /** The Retry-After that throttling answers carry. */
    public Faults retryAfter(int seconds) {
        retryAfterSeconds = seconds;
        return this;
    }

    /** How long a {@link Kind#LATE_ANSWER} answer is held. */
    public Faults late(long millis) {
        lateMillis = millis;
        return this;
    }

    long lateMillis() {
        return lateMillis;
    }

    int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    synchronized Kind take(String method, String path) {
        for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
            Rule r = it.next();
            if (r.method.equals(method) && r.path.matcher(path).matches()) {
                if (--r.left[0] <= 0) {
                    it.remove();
                }
                return r.kind;
            }
        }
        return null;
    }
}
