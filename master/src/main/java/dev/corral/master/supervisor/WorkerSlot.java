package dev.corral.master.supervisor;

import dev.corral.master.sockets.ListenerSet;
import dev.corral.worker.control.ControlProtocol;
import java.util.List;

/**
 * One worker process as the supervision loop sees it, in its slot: slot {@code k} accepts on
 * the listening sockets of slot {@code k}, and a replacement takes the slot of the worker it
 * replaces. A standby worker ({@code standby_workers}) has no slot until it is promoted into
 * one. Owned by the loop's thread: nothing else reads or writes it.
 */
final class WorkerSlot {

    /**
     * starting → ready → stopping → (removed when the process is gone); a standby worker goes
     * starting → standby (its app loaded) and, once promoted, starting → ready.
     */
    enum State { STARTING, STANDBY, READY, STOPPING }

    /** The slot of a standby worker, until it is promoted. */
    static final int NO_SLOT = -1;

    final long pid;
    final WorkerProcess process;
    final long startedNanos;
    final int generation;
    int slot;
    State state = State.STARTING;
    /** When it began its boot, or its promotion: the boot time limit counts from here. */
    long bootingSinceNanos;
    ControlLink link;
    /** The listening sockets handed to it, fixed at hand-over. */
    List<ListenerSet.Handed> handed;
    long readyNanos;
    long lastBeatNanos;
    long requests;
    /** Resident memory at the last heartbeat, and whether and since when it has been over max_worker_rss. */
    long rssKib;
    // As of its last STATS line: open connections and requests in the application.
    long connections;
    long inFlight;
    boolean overRss;
    long overRssSinceNanos;
    /** Why it is to be replaced (memory, lifetime), one slot at a time as after a reload; null if not. */
    RestartCause recycle;
    /** How long it may serve (max_worker_lifetime with its jitter), 0 for ever. */
    long lifetimeNanos;
    long stopDeadlineNanos = Long.MAX_VALUE;
    /** Why the master retires it, when it does: a restart cause for {@code status}. */
    RestartCause retiring;
    /** SIGKILL was sent: nothing is left to do but reap it. */
    boolean killed;

    WorkerSlot(WorkerProcess process, long nowNanos, int generation, int slot) {
        this.pid = process.pid();
        this.process = process;
        this.startedNanos = nowNanos;
        this.generation = generation;
        this.slot = slot;
        this.bootingSinceNanos = nowNanos;
    }

    boolean serving() {
        return state != State.STOPPING;
    }

    /** A standby worker, booting or loaded, not yet promoted. */
    boolean spare() {
        return slot == NO_SLOT && serving();
    }

    /** Gives a standby worker the slot {@code k}: it is sent the sockets and becomes ready. */
    void promote(int k, long nowNanos) {
        slot = k;
        if (state == State.STANDBY) {
            state = State.STARTING;
            bootingSinceNanos = nowNanos;
        }
    }

    /** Records a standby's LOADED; false when it was promoted or stopped meanwhile. */
    boolean loaded(long nowNanos) {
        if (state != State.STARTING || slot != NO_SLOT) {
            return false;
        }
        state = State.STANDBY;
        readyNanos = nowNanos;
        return true;
    }

    /** Records its READY; false when it comes too late, from a worker already told to stop. */
    boolean ready(long nowNanos) {
        if (state != State.STARTING) {
            return false;
        }
        state = State.READY;
        readyNanos = nowNanos;
        lastBeatNanos = nowNanos;
        return true;
    }

    /** Asks the worker to finish its requests and exit; it is killed if it takes longer than {@code graceNanos}. */
    void stopGracefully(long nowNanos, long graceNanos) {
        if (state == State.STOPPING) {
            return;
        }
        state = State.STOPPING;
        stopDeadlineNanos = nowNanos + graceNanos;
        if (link != null) {
            link.send(ControlProtocol.STOP);
        } else {
            // Not yet connected: it has no requests to finish.
            process.terminate();
        }
    }

    /** Ends the worker at once (SIGTERM), killed outright if it lingers past {@code graceNanos}. */
    void stopNow(long nowNanos, long graceNanos) {
        state = State.STOPPING;
        stopDeadlineNanos = Math.min(stopDeadlineNanos, nowNanos + graceNanos);
        process.terminate();
    }

    void kill() {
        killed = true;
        process.kill();
    }
}
