package dev.corral.worker.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ServingStatsTest {
    private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void busyHandlersAreTheCallsStartedLessThoseEnded() {
        ServingStats stats = new ServingStats(0, () -> { });
        stats.handlerStarted();
        stats.handlerStarted();
        stats.handlerFinished();
        assertEquals(1, stats.busyHandlers());
        stats.handlerFinished();
        assertEquals(0, stats.busyHandlers());
    }

    @Test
    void handlerProgressIsAStartOrEndSinceTheLastLook() {
        ServingStats stats = new ServingStats(0, () -> { });
        stats.handlerStarted();
        awaitStillFor(stats, 2 * MILLI);
        stats.handlerFinished();
        assertTrue(stats.nanosSinceHandlerProgress() < 2 * MILLI, "an end is progress");
        awaitStillFor(stats, 2 * MILLI);
        stats.handlerStarted();
        assertTrue(stats.nanosSinceHandlerProgress() < 2 * MILLI, "a start is progress");
    }

    @Test
    void theQuotaRunsOnceWhenReached() {
        int[] reached = new int[1];
        ServingStats stats = new ServingStats(3, () -> reached[0]++);
        for (int i = 0; i < 5; i++) {
            stats.responseWritten();
        }
        assertEquals(1, reached[0]);
        assertEquals(5, stats.requests());
    }

    // Looks until no progress has been seen for `nanos`: the count stood still between the looks.
    private static void awaitStillFor(ServingStats stats, long nanos) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (stats.nanosSinceHandlerProgress() < nanos) {
            assertTrue(System.nanoTime() < deadline, "no progress, yet the wait since it did not grow");
            Thread.onSpinWait();
        }
    }
}
