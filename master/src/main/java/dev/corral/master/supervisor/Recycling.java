package dev.corral.master.supervisor;

import dev.corral.master.settings.Registry;
import dev.corral.master.settings.Settings;
import java.util.Collection;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a worker is to be recycled for its memory ({@code max_worker_rss}) or its age
 * ({@code max_worker_lifetime}): it marks the worker, and {@link WorkerPool#manage} replaces it
 * as on a reload, one slot at a time, its successor booting first. Used only from the
 * supervision loop.
 */
final class Recycling {
    private static final Logger LOG = LoggerFactory.getLogger(Recycling.class);
    /** How long a worker's memory stays over max_worker_rss before it is recycled. */
    static final long RSS_OVER_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Random random = new Random();

    /**
     * Records a worker's resident memory from a heartbeat. Over the limit on every beat for
     * {@link #RSS_OVER_NANOS}, it is marked: a burst the collector soon gives back is no leak.
     */
    void beat(WorkerSlot w, long rssKib, long now, Settings settings) {
        w.rssKib = rssKib;
        long limitKib = settings.get(Registry.MAX_WORKER_RSS) * 1024L;
        if (limitKib <= 0 || rssKib <= limitKib) {
            w.overRss = false;
        } else if (!w.overRss) {
            w.overRss = true;
            w.overRssSinceNanos = now;
        } else if (now - w.overRssSinceNanos >= RSS_OVER_NANOS && w.state == WorkerSlot.State.READY
                && w.recycle == null) {
            LOG.info("Worker {} uses {} MiB, over max_worker_rss ({} MiB)", w.pid, rssKib / 1024, limitKib / 1024);
            w.recycle = RestartCause.MEMORY;
        }
    }

    /**
     * How long a new worker may serve: max_worker_lifetime plus its jitter, drawn per worker so
     * that workers started together are not all replaced together; 0 for ever.
     */
    long lifetimeNanos(Settings settings) {
        long seconds = settings.get(Registry.MAX_WORKER_LIFETIME);
        long spread = settings.get(Registry.MAX_WORKER_LIFETIME_JITTER);
        if (seconds <= 0) {
            return 0;
        }
        return TimeUnit.SECONDS.toNanos(seconds + (spread > 0 ? random.nextLong(spread + 1) : 0));
    }

    /** Marks the ready workers that have served their lifetime. */
    void markTheOld(Collection<WorkerSlot> workers, long now) {
        for (WorkerSlot w : workers) {
            if (w.state == WorkerSlot.State.READY && w.recycle == null && w.lifetimeNanos > 0
                    && now - w.readyNanos >= w.lifetimeNanos) {
                LOG.info("Worker {} reached max_worker_lifetime ({} s)", w.pid,
                        TimeUnit.NANOSECONDS.toSeconds(w.lifetimeNanos));
                w.recycle = RestartCause.LIFETIME;
            }
        }
    }
}
