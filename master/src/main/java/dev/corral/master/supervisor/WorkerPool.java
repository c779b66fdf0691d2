package dev.corral.master.supervisor;

import dev.corral.master.metrics.ServiceView;
import dev.corral.master.settings.Registry;
import dev.corral.master.settings.Settings;
import dev.corral.master.sockets.ListenerSet;
import dev.corral.worker.control.ControlProtocol;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker processes and every decision about them: spawn, hand over, reap, kill the silent
 * ({@link WorkerTimeouts}), retire the surplus, roll a reload one worker at a time. Used only
 * from the supervision loop.
 */
final class WorkerPool {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);
    private static final long FAST_STOP_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final Map<Long, WorkerSlot> workers = new LinkedHashMap<>();
    private final SpawnBackoff backoff = new SpawnBackoff();
    private final RestartCounts restarts = new RestartCounts();
    private final WorkerTimeouts timeouts = new WorkerTimeouts(restarts);
    private long lastBootNanos;
    private final Recycling recycling = new Recycling();
    private final SlotSockets listeners;
    private final WorkerLauncher launcher;
    private int generation;
    int wanted;

    WorkerPool(SlotSockets listeners, WorkerLauncher launcher, int wanted) {
        this.listeners = listeners;
        this.launcher = launcher;
        this.wanted = wanted;
    }

    Optional<WorkerSlot> slot(long pid) {
        return Optional.ofNullable(workers.get(pid));
    }

    boolean isEmpty() {
        return workers.isEmpty();
    }

    List<WorkerSlot> slots() {
        return List.copyOf(workers.values());
    }

    /** Ready workers of the current generation in the wanted slots (a slot has at most one). */
    int readyCount() {
        return (int) workers.values().stream().filter(w -> w.state == WorkerSlot.State.READY && !outdated(w)
                && w.slot >= 0 && w.slot < wanted).count();
    }

    /** Whether a worker of an older generation still serves: a reload is rolling. */
    boolean replacing() {
        return workers.values().stream().anyMatch(w -> w.serving() && !w.spare() && w.generation < generation);
    }

    /** What the metrics show of the pool now. */
    ServiceView view() {
        Map<String, Integer> byCause = new LinkedHashMap<>();
        restarts.snapshot().forEach((cause, n) -> byCause.put(cause.label(), n));
        List<ServiceView.Live> live = new ArrayList<>();
        for (WorkerSlot w : workers.values()) {
            if (w.state == WorkerSlot.State.READY && w.slot != WorkerSlot.NO_SLOT) {
                live.add(new ServiceView.Live(w.slot, w.rssKib * 1024));
            }
        }
        return new ServiceView(wanted, readyCount(), byCause, lastBootNanos / 1e9, live);
    }

    RestartCounts restarts() {
        return restarts;
    }

    /** Marks every current worker outdated: {@link #manage} replaces them one at a time. */
    void beginRollingReplace() {
        generation++;
    }

    /**
     * Sends a newly connected worker its settings and announces the descriptors; strangers and
     * workers already stopping get nothing.
     */
    void handOver(long pid, ControlLink link, Settings settings, String ticketKeys) {
        WorkerSlot w = workers.get(pid);
        // One stopped before it connected (scaled away at once) must not bind its slot again.
        if (w == null || w.state == WorkerSlot.State.STOPPING) {
            link.close();
            return;
        }
        w.link = link;
        // max_requests and its jitter go as they are: each worker draws its own quota, as Gunicorn's do.
        settings.toStrings().forEach((k, v) -> link.send(ControlProtocol.SET + " " + k + " " + v));
        link.send(ticketKeys);
        if (w.slot == WorkerSlot.NO_SLOT) {
            link.send(ControlProtocol.STANDBY);
        } else {
            announceSockets(w);
        }
    }

    // FDS: the worker asks for the descriptors (SEND_FDS) and they follow.
    private void announceSockets(WorkerSlot w) {
        try {
            w.handed = listeners.socketsFor(w.slot);
        } catch (ListenerSet.BindFailure e) {
            LOG.error("{}; stopping worker {}", e.getMessage(), w.pid);
            w.kill();
            return;
        }
        w.link.send(ControlProtocol.FDS + " " + String.join(" ", w.handed.stream().map(ListenerSet.Handed::kind).toList()));
    }

    void sendDescriptors(long pid) {
        // Not to one stopped meanwhile: its sockets may be closed already, their numbers reused.
        slot(pid).filter(w -> w.serving() && w.link != null && w.handed != null).ifPresent(w -> w.link.sendDescriptors(
                w.handed.stream().map(ListenerSet.Handed::socket).toList()));
    }

    /**
     * Records a worker's READY. One stopped while it booted (a stop, a reload, fewer workers) may
     * still report it; it stays stopping, and is told to stop again now that it listens: it has
     * no requests yet, and the other workers' stops are none of its business.
     */
    void markReady(long pid, long now) {
        slot(pid).ifPresent(w -> {
            backoff.workerBooted();
            if (w.ready(now)) {
                lastBootNanos = now - w.startedNanos;
                LOG.debug("Worker {} ready", pid);
            } else if (w.link != null) {
                w.link.send(ControlProtocol.STOP);
            }
        });
    }

    /** Records a standby worker's LOADED: it can be promoted in milliseconds now. */
    void markLoaded(long pid, long now) {
        slot(pid).ifPresent(w -> {
            if (w.loaded(now)) {
                backoff.workerBooted();
                LOG.info("Worker {} standing by", pid);
            } else if (w.state == WorkerSlot.State.STOPPING && w.link != null) {
                w.link.send(ControlProtocol.STOP);
            }
        });
    }

    /** Records a heartbeat, with the worker's resident memory (see {@link Recycling}). */
    void heartbeat(long pid, long requests, long rssKib, long now, Settings settings) {
        slot(pid).ifPresent(w -> {
            w.lastBeatNanos = now;
            w.requests = requests;
            recycling.beat(w, rssKib, now, settings);
        });
    }

    /** Forgets an exited worker and logs it; returns whether the service must give up. */
    boolean reap(long pid, int exitValue, boolean stopping, long now) {
        WorkerSlot w = workers.remove(pid);
        if (w == null) {
            return false;
        }
        if (stopping || (w.retiring != null && w.retiring != RestartCause.TIMEOUT)) {
            LOG.info("Worker exiting (pid: {})", pid);
            return false;
        }
        if (w.retiring == RestartCause.TIMEOUT) {
            LOG.warn("Worker {} was killed after its timeout; replacing it", pid);
            return false;
        }
        boolean wasReady = w.readyNanos != 0;
        backoff.workerExited(wasReady, now - w.readyNanos, now);
        restarts.add(RestartCause.CRASH);
        if (backoff.shouldGiveUp()) {
            LOG.error("Worker {} exited {} before it was ready", pid, ExitStatus.describe(exitValue));
            return true;
        }
        long wait = backoff.nanosUntilSpawn(now);
        LOG.warn("Worker {} exited {}{}; {}", pid, ExitStatus.describe(exitValue),
                wasReady ? "" : " before it was ready",
                wait == 0 ? "replacing it" : "replacing it in " + TimeUnit.NANOSECONDS.toMillis(wait) + " ms");
        return false;
    }

    /** Kills the workers that went silent, never booted, or overstayed their stop. */
    void murder(long now, int timeoutSeconds) {
        timeouts.murder(workers.values(), now, timeoutSeconds);
    }

    /** A timed-out worker has written its thread dump: it is killed now. */
    void dumpWritten(long pid) {
        slot(pid).ifPresent(WorkerTimeouts::dumpWritten);
    }

    // Replaced one slot at a time, a successor booting beside it: after a reload (an older
    // generation), or once it is to be recycled for its memory or its age.
    private boolean outdated(WorkerSlot w) {
        return w.generation < generation || w.recycle != null;
    }

    /**
     * Spawns or retires workers until each of the {@code wanted} slots has one current worker.
     * A slot with no worker gets one at once (within the backoff). After a reload, the outdated
     * worker of a slot is replaced one slot at a time: a new one boots beside it, and once it is
     * ready the old one retires, so capacity never drops. Slots beyond {@code wanted} retire.
     */
    void manage(long now, Settings settings) {
        recycling.markTheOld(workers.values(), now);
        List<WorkerSlot> serving = workers.values().stream().filter(w -> w.serving() && !w.spare())
                .sorted(Comparator.comparingLong(w -> w.startedNanos)).toList();
        boolean replacementBooting = serving.stream().anyMatch(w -> !outdated(w) && w.state == WorkerSlot.State.STARTING)
                && serving.stream().anyMatch(this::outdated);
        for (int slot = 0; slot < wanted; slot++) {
            int k = slot;
            List<WorkerSlot> here = serving.stream().filter(w -> w.slot == k).toList();
            Optional<WorkerSlot> current = here.stream().filter(w -> !outdated(w)).findFirst();
            if (current.isEmpty()) {
                boolean empty = here.isEmpty();
                if (empty || !replacementBooting) {
                    replacementBooting |= fill(slot, now, settings) && !empty;
                }
            } else if (current.get().state == WorkerSlot.State.READY) {
                here.stream().filter(this::outdated).forEach(old -> retire(old,
                        old.recycle != null ? old.recycle : RestartCause.RELOAD, settings, now));
            }
        }
        serving.stream().filter(w -> w.slot >= wanted)
                .forEach(w -> retire(w, w.generation < generation ? RestartCause.RELOAD : RestartCause.SCALE, settings, now));
        // At once, not when the retiring worker has drained: the kernel keeps sending new
        // connections to a slot's socket while any copy of it is open, and once the worker stops
        // accepting they would wait in its queue only to be reset when the socket closes.
        listeners.releaseSlotsFrom(wanted);
        // Spares boot once every slot serves: on a start or a reload they would slow the workers
        // that are needed first.
        keepStandbys(now, settings, wanted > 0 && readyCount() == wanted);
    }

    // A slot with no current worker gets a standby (loaded ones first, then one still booting:
    // either is sooner than a new JVM), else a new worker within the backoff. True if it got one.
    private boolean fill(int slot, long now, Settings settings) {
        Optional<WorkerSlot> spare = workers.values().stream().filter(w -> w.spare() && !outdated(w))
                .min(Comparator.comparing((WorkerSlot w) -> w.state != WorkerSlot.State.STANDBY)
                        .thenComparingLong(w -> w.startedNanos));
        if (spare.isPresent()) {
            WorkerSlot w = spare.get();
            LOG.info("Promoting standby worker {}", w.pid);
            w.promote(slot, now);
            if (w.link != null) {
                announceSockets(w);
            }
            return true;
        }
        return backoff.maySpawn(now) && spawn(now, settings, slot);
    }

    // standby_workers of the current generation, booted behind the serving ones; outdated or
    // surplus ones stop (not counted as restarts: they served nobody).
    private void keepStandbys(long now, Settings settings, boolean mayBoot) {
        // None while every worker is being retired (WINCH during an upgrade).
        int wantedSpares = wanted == 0 ? 0 : settings.get(Registry.STANDBY_WORKERS);
        List<WorkerSlot> spares = workers.values().stream().filter(WorkerSlot::spare).toList();
        long graceNanos = TimeUnit.SECONDS.toNanos(settings.get(Registry.GRACEFUL_TIMEOUT));
        int kept = 0;
        for (WorkerSlot w : spares) {
            if (outdated(w) || kept >= wantedSpares) {
                w.stopGracefully(now, graceNanos);
            } else {
                kept++;
            }
        }
        if (mayBoot && kept < wantedSpares && backoff.maySpawn(now)) {
            spawn(now, settings, WorkerSlot.NO_SLOT);
        }
    }

    private boolean spawn(long now, Settings settings, int slot) {
        try {
            WorkerSlot w = new WorkerSlot(launcher.launch(settings), now, generation, slot);
            w.lifetimeNanos = recycling.lifetimeNanos(settings);
            workers.put(w.pid, w);
            LOG.info(slot == WorkerSlot.NO_SLOT ? "Booting standby worker with pid: {}" : "Booting worker with pid: {}", w.pid);
            return true;
        } catch (IOException e) {
            LOG.error("Cannot start a worker JVM: {}", e.getMessage());
            backoff.workerExited(false, 0, now);
            return false;
        }
    }

    /** Stops one worker gracefully and counts why; {@link #manage} starts its successor. */
    void retire(WorkerSlot w, RestartCause cause, Settings settings, long now) {
        if (!w.serving()) {
            return;
        }
        w.retiring = cause;
        restarts.add(cause);
        LOG.info("Retiring worker {} ({})", w.pid, cause.label());
        w.stopGracefully(now, TimeUnit.SECONDS.toNanos(settings.get(Registry.GRACEFUL_TIMEOUT)));
    }

    /** Stops every worker: gracefully (ready ones finish their requests) or at once. */
    void stopAll(boolean graceful, long graceNanos, long now) {
        for (WorkerSlot w : new ArrayList<>(workers.values())) {
            if (graceful && (w.state == WorkerSlot.State.READY || w.state == WorkerSlot.State.STANDBY)) {
                w.stopGracefully(now, graceNanos);
            } else {
                w.stopNow(now, FAST_STOP_NANOS);
            }
        }
    }

    /** SIGKILLs every worker: the loop is giving up and will not wait for their exits. */
    void killAll() {
        workers.values().forEach(WorkerSlot::kill);
    }
}
