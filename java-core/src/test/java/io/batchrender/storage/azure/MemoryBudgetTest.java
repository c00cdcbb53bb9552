package io.batchrender.storage.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.storage.Cancellation;
import io.batchrender.storage.StorageException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class MemoryBudgetTest {

    @Test
    void aHoldWaitsUntilEnoughIsGivenBack() throws Exception {
        MemoryBudget budget = new MemoryBudget(8 << 20);
        MemoryBudget.Held first = budget.hold(6 << 20, new Cancellation());
        CompletableFuture<MemoryBudget.Held> second = CompletableFuture.supplyAsync(() -> budget.hold(4 << 20, new Cancellation()));
        assertThrows(TimeoutException.class, () -> second.get(300, TimeUnit.MILLISECONDS), "4 MiB do not fit beside 6 of 8");
        first.close();
        first.close(); // a second close gives nothing back twice
        second.get(5, TimeUnit.SECONDS).close();
        assertEquals(8 << 20, budget.freeBytes());
    }

    @Test
    void moreThanTheWholeBudgetTakesTheWholeBudgetAndACancelledWaitEnds() throws Exception {
        MemoryBudget budget = new MemoryBudget(1 << 20);
        MemoryBudget.Held all = budget.hold(16 << 20, new Cancellation());
        assertEquals(0, budget.freeBytes());
        Cancellation cancel = new Cancellation();
        CompletableFuture<MemoryBudget.Held> waiting = CompletableFuture.supplyAsync(() -> budget.hold(1024, cancel));
        cancel.cancel();
        Exception e = assertThrows(Exception.class, () -> waiting.get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof StorageException se && se.kind() == StorageException.Kind.CANCELLED, e.toString());
        all.close();
        assertEquals(1 << 20, budget.freeBytes());
    }
}
