package dev.corral.master.supervisor;

import dev.corral.master.sockets.ListenerSet;
import dev.corral.worker.control.ControlProtocol;
import java.util.List;

/**
 * One worker process as the supervision loop sees it, in its slot: slot {@code k} accepts on
 * the listening sockets of slot {@code k}, and a replacement takes the slot of the worker it
 * replaces. Owned by the loop's thread: nothing else reads or writes it.
 */
final class WorkerSlot {

    /** starting → ready → stopping → (removed when the process is gone). */
    enum State { STARTING, READY, STOPPING }

    final long pid;
    final WorkerProcess process;
    final long startedNanos;
    final int generation;
    final int slot;
    State state = State.STARTING;
    ControlLink link;
    /** The listening sockets handed to it, fixed at hand-over. */
    List<ListenerSet.Handed> handed;
    long readyNanos;
    long lastBeatNanos;
    long requests;
    /** Resident memory at the last heartbeat, and whether and since when it has been over max_worker_rss. */
    long rssKib;
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
    }

    boolean serving() {
        return state != State.STOPPING;
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
