package dev.corral.master.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SpawnBackoffTest {
    private static final long S = TimeUnit.SECONDS.toNanos(1);

    @Test
    void aHealthyWorkerThatDiesIsReplacedAtOnce() {
        SpawnBackoff b = new SpawnBackoff();
        b.workerBooted();
        b.workerExited(true, 60 * S, 100 * S);
        assertTrue(b.maySpawn(100 * S));
        assertEquals(0, b.failuresInARow());
    }

    @Test
    void youngDeathsInARowDoubleTheWaitUpToTenSeconds() {
        SpawnBackoff b = new SpawnBackoff();
        b.workerBooted();
        long now = 100 * S;
        long[] expectedMillis = {100, 200, 400, 800, 1600, 3200, 6400, 10000, 10000};
        for (long ms : expectedMillis) {
            b.workerExited(true, S / 10, now);
            assertEquals(TimeUnit.MILLISECONDS.toNanos(ms), b.nanosUntilSpawn(now));
            assertFalse(b.maySpawn(now));
            assertTrue(b.maySpawn(now + TimeUnit.MILLISECONDS.toNanos(ms)));
        }
    }

    @Test
    void aWorkerThatLivesEndsTheStreak() {
        SpawnBackoff b = new SpawnBackoff();
        b.workerBooted();
        b.workerExited(false, 0, 10 * S);
        b.workerExited(false, 0, 11 * S);
        assertEquals(2, b.failuresInARow());
        b.workerExited(true, 30 * S, 50 * S);
        assertEquals(0, b.failuresInARow());
        assertTrue(b.maySpawn(50 * S));
    }

    @Test
    void givesUpAfterFiveBootFailuresWhenNothingEverBooted() {
        SpawnBackoff b = new SpawnBackoff();
        for (int i = 0; i < SpawnBackoff.BOOT_ATTEMPTS - 1; i++) {
            b.workerExited(false, 0, i * S);
            assertFalse(b.shouldGiveUp());
        }
        b.workerExited(false, 0, 10 * S);
        assertTrue(b.shouldGiveUp());
    }

    @Test
    void neverGivesUpOnceTheServiceHasBeenHealthy() {
        SpawnBackoff b = new SpawnBackoff();
        b.workerBooted();
        for (int i = 0; i < 50; i++) {
            b.workerExited(false, 0, i * S);
        }
        assertFalse(b.shouldGiveUp());
    }

    @Test
    void exitStatusesReadAsUsersExpect() {
        assertEquals("on signal 9 (KILL)", ExitStatus.describe(137));
        assertEquals("on signal 15 (TERM)", ExitStatus.describe(143));
        assertEquals("with code 3 (perhaps out of memory)", ExitStatus.describe(3));
        assertEquals("with code 70", ExitStatus.describe(70));
    }
}
