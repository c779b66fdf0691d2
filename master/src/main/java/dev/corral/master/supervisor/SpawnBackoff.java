package dev.corral.master.supervisor;

import java.util.concurrent.TimeUnit;

/**
 * When the next worker may be spawned, and when to give up. A worker that dies young (before it
 * is ready, or within a second of it) counts as a failure; failures in a row double the wait
 * before the next spawn, so a broken app cannot cause a respawn storm. While no worker has ever
 * booted, a few boot failures mean the service cannot start at all.
 */
final class SpawnBackoff {
    static final int BOOT_ATTEMPTS = 5;
    static final long FIRST_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    static final long MAX_DELAY_NANOS = TimeUnit.SECONDS.toNanos(10);
    static final long YOUNG_NANOS = TimeUnit.SECONDS.toNanos(1);

    private int failuresInARow;
    private int bootFailures;
    private boolean everBooted;
    private long nextSpawnNanos = Long.MIN_VALUE;

    void workerBooted() {
        everBooted = true;
    }

    /**
     * Records the end of a worker.
     *
     * @param wasReady whether it ever became ready
     * @param nanosSinceReady how long it had been ready (ignored when it never was)
     */
    void workerExited(boolean wasReady, long nanosSinceReady, long nowNanos) {
        boolean young = !wasReady || nanosSinceReady < YOUNG_NANOS;
        if (!young) {
            failuresInARow = 0;
            nextSpawnNanos = nowNanos;
            return;
        }
        failuresInARow++;
        if (!wasReady) {
            bootFailures++;
        }
        nextSpawnNanos = nowNanos + delayNanos(failuresInARow);
    }

    /** A spawn after a success clears the streak's wait; the streak itself ends only with a healthy worker. */
    boolean maySpawn(long nowNanos) {
        return nowNanos - nextSpawnNanos >= 0;
    }

    long nanosUntilSpawn(long nowNanos) {
        return Math.max(0, nextSpawnNanos - nowNanos);
    }

    boolean shouldGiveUp() {
        return !everBooted && bootFailures >= BOOT_ATTEMPTS;
    }

    int failuresInARow() {
        return failuresInARow;
    }

    static long delayNanos(int failuresInARow) {
        if (failuresInARow <= 0) {
            return 0;
        }
        int shift = Math.min(failuresInARow - 1, 20);
        return Math.min(FIRST_DELAY_NANOS << shift, MAX_DELAY_NANOS);
    }
}
