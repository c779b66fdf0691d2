package dev.corral.master.supervisor;

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
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker processes and every decision about them: spawn, hand over, reap, kill the silent,
 * retire the surplus, roll a reload one worker at a time. Used only from the supervision loop.
 */
final class WorkerPool {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);
    private static final long FAST_STOP_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final Map<Long, WorkerSlot> workers = new LinkedHashMap<>();
    private final SpawnBackoff backoff = new SpawnBackoff();
    private final RestartCounts restarts = new RestartCounts();
    private final Random jitter = new Random();
    private final ListenerSet listeners;
    private final WorkerLauncher launcher;
    private final Consumer<Event> events;
    private int generation;
    int wanted;

    WorkerPool(ListenerSet listeners, WorkerLauncher launcher, Consumer<Event> events, int wanted) {
        this.listeners = listeners;
        this.launcher = launcher;
        this.events = events;
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

    RestartCounts restarts() {
        return restarts;
    }

    /** Marks every current worker outdated: {@link #manage} replaces them one at a time. */
    void beginRollingReplace() {
        generation++;
    }

    /** Sends a newly connected worker its settings and announces the descriptors; strangers get nothing. */
    void handOver(long pid, dev.corral.master.control.WorkerLink link, Settings settings) {
        WorkerSlot w = workers.get(pid);
        if (w == null) {
            link.close();
            return;
        }
        w.link = link;
        settings.toStrings().forEach((k, v) -> link.send(ControlProtocol.SET + " " + k + " " + v));
        link.send(ControlProtocol.SET + " worker_max_requests " + quota(settings));
        link.send(ControlProtocol.FDS + " " + String.join(" ",
                listeners.listeners().stream().map(ListenerSet.Listener::kind).toList()));
    }

    // Jitter spreads the recycling of workers started together, as in Gunicorn.
    private long quota(Settings settings) {
        int max = settings.get(Registry.MAX_REQUESTS);
        int spread = settings.get(Registry.MAX_REQUESTS_JITTER);
        return max <= 0 ? 0 : max + (spread > 0 ? jitter.nextInt(spread + 1) : 0);
    }

    void sendDescriptors(long pid) {
        slot(pid).filter(w -> w.link != null).ifPresent(w -> w.link.sendDescriptors(
                listeners.listeners().stream().map(ListenerSet.Listener::socket).toList()));
    }

    void markReady(long pid, long now) {
        slot(pid).ifPresent(w -> {
            w.ready(now);
            backoff.workerBooted();
            LOG.debug("Worker {} ready", pid);
        });
    }

    void heartbeat(long pid, long requests, long now) {
        slot(pid).ifPresent(w -> {
            w.lastBeatNanos = now;
            w.requests = requests;
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
        long timeout = TimeUnit.SECONDS.toNanos(timeoutSeconds);
        long bootLimit = TimeUnit.SECONDS.toNanos(Math.max(timeoutSeconds, 30));
        for (WorkerSlot w : workers.values()) {
            if (w.state == WorkerSlot.State.STOPPING && now - w.stopDeadlineNanos > 0) {
                LOG.warn("Worker {} did not stop in time; killing it", w.pid);
                w.stopDeadlineNanos = Long.MAX_VALUE;
                w.kill();
            } else if (timeout > 0 && w.state == WorkerSlot.State.READY && now - w.lastBeatNanos > timeout) {
                LOG.error("WORKER TIMEOUT (pid: {})", w.pid);
                restarts.add(RestartCause.TIMEOUT);
                w.retiring = RestartCause.TIMEOUT;
                w.state = WorkerSlot.State.STOPPING;
                w.kill();
            } else if (timeout > 0 && w.state == WorkerSlot.State.STARTING && now - w.startedNanos > bootLimit) {
                LOG.error("Worker {} did not boot within {} s; killing it", w.pid, TimeUnit.NANOSECONDS.toSeconds(bootLimit));
                w.kill();
            }
        }
    }

    /**
     * Spawns or retires workers until {@code wanted} current ones serve. Outdated workers (from
     * before a reload) are replaced one at a time: a new one boots, and once it is ready an old
     * one retires, so capacity never drops below {@code wanted}.
     */
    void manage(long now, Settings settings) {
        List<WorkerSlot> serving = workers.values().stream().filter(WorkerSlot::serving)
                .sorted(Comparator.comparingLong(w -> w.startedNanos)).toList();
        List<WorkerSlot> outdated = serving.stream().filter(w -> w.generation < generation).toList();
        List<WorkerSlot> current = serving.stream().filter(w -> w.generation == generation).toList();
        long currentReady = current.stream().filter(w -> w.state == WorkerSlot.State.READY).count();
        boolean booting = current.stream().anyMatch(w -> w.state == WorkerSlot.State.STARTING);

        for (int i = 0; i < outdated.size() && currentReady + outdated.size() - i > wanted; i++) {
            retire(outdated.get(i), RestartCause.RELOAD, settings);
        }
        int surplus = current.size() - wanted;
        for (int i = 0; i < surplus; i++) {
            retire(current.get(i), outdated.isEmpty() ? RestartCause.SCALE : RestartCause.RELOAD, settings);
        }
        long remainingOutdated = workers.values().stream()
                .filter(w -> w.serving() && w.generation < generation).count();
        int target = wanted + (remainingOutdated > 0 ? 1 : 0);
        long missing = target - current.size() - remainingOutdated;
        if (remainingOutdated > 0 && booting) {
            missing = 0;
        }
        for (int i = 0; i < missing && backoff.maySpawn(now); i++) {
            spawn(now, settings);
            if (backoff.failuresInARow() > 0 || remainingOutdated > 0) {
                break;
            }
        }
    }

    private void spawn(long now, Settings settings) {
        try {
            Process p = launcher.launch(settings);
            WorkerSlot w = new WorkerSlot(p, now, generation);
            workers.put(w.pid, w);
            p.onExit().thenAccept(done -> events.accept(new Event.WorkerExited(done.pid(), done.exitValue())));
            LOG.info("Booting worker with pid: {}", w.pid);
        } catch (IOException e) {
            LOG.error("Cannot start a worker JVM: {}", e.getMessage());
            backoff.workerExited(false, 0, now);
        }
    }

    /** Stops one worker gracefully and counts why; {@link #manage} starts its successor. */
    void retire(WorkerSlot w, RestartCause cause, Settings settings) {
        if (!w.serving()) {
            return;
        }
        w.retiring = cause;
        restarts.add(cause);
        LOG.info("Retiring worker {} ({})", w.pid, cause.label());
        w.stopGracefully(System.nanoTime(), TimeUnit.SECONDS.toNanos(settings.get(Registry.GRACEFUL_TIMEOUT)));
    }

    /** Stops every worker: gracefully (ready ones finish their requests) or at once. */
    void stopAll(boolean graceful, long graceNanos, long now) {
        for (WorkerSlot w : new ArrayList<>(workers.values())) {
            if (graceful && w.state == WorkerSlot.State.READY) {
                w.stopGracefully(now, graceNanos);
            } else {
                w.stopNow(now, FAST_STOP_NANOS);
            }
        }
    }
}
