package dev.corral.worker.control;

import dev.corral.worker.http.ServingStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Tells the master this worker is alive, but only while its serving machinery moves: the event
 * loop ran its tick recently, and the handler threads are not all stuck. A worker that goes
 * silent for {@code timeout} seconds is killed and replaced by the master. Each beat also
 * carries the worker's resident memory, for {@code max_worker_rss}.
 */
public final class Heartbeat implements Runnable {
    // How long the event loop or a full handler pool may stand still before the worker stops
    // vouching for itself; the master's timeout comes on top of this.
    private static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);
    // Often enough that `corral status` counts a request a user has just sent; a beat is one
    // short write on the control socket.
    private static final long INTERVAL_MILLIS = 250;

    private static final Path STATUS = Path.of("/proc/self/status");

    /** Where a beat goes. */
    @FunctionalInterface
    public interface Beat {
        void send(long requests, long rssKib);
    }

    private final ServingStats stats;
    private final int threads;
    private final Beat send;
    private final java.util.function.Consumer<String> figures;

    /**
     * @param send called with the requests served and the resident memory, once per healthy beat
     * @param figures called after it with the {@code STATS} line of the metrics
     */
    public Heartbeat(ServingStats stats, int threads, Beat send, java.util.function.Consumer<String> figures) {
        this.stats = stats;
        this.threads = threads;
        this.send = send;
        this.figures = figures;
    }

    /** Starts beating on a daemon thread of its own: no event loop or handler can block it. */
    public void start() {
        Thread t = new Thread(this, "corral-heartbeat");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Whether the serving machinery has moved recently enough to vouch for it. On the heartbeat's
     * own thread only: it is what notes when the handlers last moved.
     */
    public boolean healthy() {
        boolean loopAlive = stats.nanosSinceLoopTick() < STALL_NANOS;
        boolean handlersStuck = stats.busyHandlers() >= threads
                && stats.nanosSinceHandlerProgress() > STALL_NANOS;
        return loopAlive && !handlersStuck;
    }

    @Override
    public void run() {
        while (true) {
            if (healthy()) {
                send.send(stats.requests(), residentKib());
                figures.accept(statsLine());
            }
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * {@code STATS <connections> <in flight> <heap used> <GC millis> <deltas>}: the gauges as they
     * are now, and the answers' figures since the last beat (skipped beats add up).
     */
    String statsLine() {
        long gcMillis = 0;
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        long heap = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return ControlProtocol.STATS + " " + stats.openConnections() + " " + stats.busyHandlers() + " " + heap + " "
                + gcMillis + " " + stats.figures().drain().text();
    }

    /** This process's resident memory in KiB (VmRSS), or 0 where /proc cannot tell. */
    static long residentKib() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // No figure this beat: the master sees 0, which is never over a limit.
        }
        return 0;
    }
}
