package dev.corral.master.supervisor;

import dev.corral.worker.control.ControlProtocol;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gunicorn's murder of the workers: the one that went silent for {@code timeout} seconds is
 * asked for a thread dump and then killed ({@code WORKER TIMEOUT}), the one that never booted
 * and the one that overstayed its stop are killed. Used only from the supervision loop, on the
 * pool's workers.
 */
final class WorkerTimeouts {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerTimeouts.class);
    // Long enough for a dump of a few hundred threads; short, since the hung worker may still
    // be taking connections it will never answer.
    private static final long DUMP_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final RestartCounts restarts;

    WorkerTimeouts(RestartCounts restarts) {
        this.restarts = restarts;
    }

    /** Kills the workers that went silent, never booted, or overstayed their stop. */
    void murder(Collection<WorkerSlot> workers, long now, int timeoutSeconds) {
        long timeout = TimeUnit.SECONDS.toNanos(timeoutSeconds);
        long bootLimit = TimeUnit.SECONDS.toNanos(Math.max(timeoutSeconds, 30));
        for (WorkerSlot w : workers) {
            // The exit of a killed worker takes a tick or more to be reaped: kill and log once.
            if (w.killed) {
                continue;
            }
            if (w.state == WorkerSlot.State.STOPPING && now - w.stopDeadlineNanos > 0) {
                if (w.retiring == RestartCause.TIMEOUT) {
                    LOG.warn("Worker {} wrote no thread dump within {} ms; killing it", w.pid,
                            TimeUnit.NANOSECONDS.toMillis(DUMP_WAIT_NANOS));
                } else {
                    LOG.warn("Worker {} did not stop in time; killing it", w.pid);
                }
                w.kill();
            } else if (timeout > 0 && w.state == WorkerSlot.State.READY && now - w.lastBeatNanos > timeout) {
                timedOut(w, now);
            } else if (timeout > 0 && w.state == WorkerSlot.State.STARTING && now - w.bootingSinceNanos > bootLimit) {
                LOG.error("Worker {} did not boot within {} s; killing it", w.pid, TimeUnit.NANOSECONDS.toSeconds(bootLimit));
                w.kill();
            }
        }
    }

    // WORKER TIMEOUT: the worker is asked for its threads' stacks first, so the user sees the
    // deadlock or the stuck call; it is killed once they are written, or after a short wait. Its
    // slot is free at once: WorkerPool.manage boots the replacement meanwhile.
    private void timedOut(WorkerSlot w, long now) {
        LOG.error("WORKER TIMEOUT (pid: {})", w.pid);
        restarts.add(RestartCause.TIMEOUT);
        w.retiring = RestartCause.TIMEOUT;
        w.state = WorkerSlot.State.STOPPING;
        if (w.link == null) {
            w.kill();
            return;
        }
        w.stopDeadlineNanos = now + DUMP_WAIT_NANOS;
        w.link.send(ControlProtocol.DUMP);
    }

    /** {@code w} has written a thread dump: killed now if it was asked for one before its kill. */
    static void dumpWritten(WorkerSlot w) {
        if (w.retiring == RestartCause.TIMEOUT && !w.killed) {
            w.kill();
        }
    }
}
