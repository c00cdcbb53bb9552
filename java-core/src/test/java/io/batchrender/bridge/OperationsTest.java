package io.batchrender.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.batchrender.farm.UnknownJobException;
import io.batchrender.frames.FrameSet;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class OperationsTest {

    private final Operations ops = new Operations(Clock.systemUTC());

    @Test
    void anOperationReportsProgressThenItsResult() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        Operation op = ops.start("count", false, ctx -> {
            ctx.progress(3, 10, "Counted 3 of 10.");
            go.await();
            return new JsonPrimitive(10);
        });
        FarmlessWait.until(() -> op.toJson().getAsJsonObject("progress").get("done").getAsLong() == 3);
        JsonObject running = op.toJson();
        assertEquals("running", running.get("state").getAsString());
        assertEquals(10, running.getAsJsonObject("progress").get("total").getAsLong());
        assertTrue(running.getAsJsonObject("progress").get("rate").getAsDouble() > 0);
        go.countDown();
        assertTrue(op.await(5000));
        assertEquals("succeeded", op.toJson().get("state").getAsString());
        assertEquals(10, op.toJson().get("result").getAsInt());
    }

    @Test
    void whatTheCoreThrowsBecomesATypedError() throws Exception {
        Operation frames = ops.start("submit", true, ctx -> {
            FrameSet.parse("10-1");
            return null;
        });
        Operation job = ops.start("job", true, ctx -> {
            throw new UnknownJobException("x", "No job 'x' on this farm: list them with jobs().");
        });
        Operation bug = ops.start("bug", true, ctx -> {
            throw new NullPointerException();
        });
        for (Operation op : new Operation[] {frames, job, bug}) {
            assertTrue(op.await(5000));
            assertEquals("failed", op.toJson().get("state").getAsString());
        }
        assertEquals("BadFrames", frames.toJson().getAsJsonObject("error").get("code").getAsString());
        JsonObject e = job.toJson().getAsJsonObject("error");
        assertEquals("JobNotFound", e.get("code").getAsString());
        assertEquals("No job 'x' on this farm", e.get("message").getAsString());
        assertEquals("List them with jobs().", e.get("hint").getAsString());
        assertEquals("Internal", bug.toJson().getAsJsonObject("error").get("code").getAsString());
    }

    @Test
    void cancelStopsWorkThatChecksAndHandOffWaitsOnlyForWorkThatMustFinish() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Operation scan = ops.start("scan", false, ctx -> {
            while (true) {
                ctx.checkCancelled();
                Thread.sleep(5);
            }
        });
        Operation submit = ops.start("submit", true, ctx -> {
            release.await();
            return new JsonPrimitive("submitted");
        });
        new Thread(() -> {
            sleep(300);
            release.countDown();
        }).start();
        assertEquals(0, ops.handOff(Duration.ofSeconds(10)));
        assertTrue(scan.await(5000));
        assertEquals("cancelled", scan.toJson().get("state").getAsString());
        assertEquals("Cancelled", scan.toJson().getAsJsonObject("error").get("code").getAsString());
        assertEquals("succeeded", submit.toJson().get("state").getAsString());
        assertFalse(Replies.call(() -> ops.start("late", false, ctx -> null).toJson()).contains("\"ok\":true"));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Polls a condition for up to five seconds. */
    static final class FarmlessWait {
        static void until(java.util.function.BooleanSupplier c) throws InterruptedException {
            long end = System.nanoTime() + 5_000_000_000L;
            while (!c.getAsBoolean()) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("condition not met in 5 s");
                }
                Thread.sleep(5);
            }
        }
    }
}
