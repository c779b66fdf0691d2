package dev.corral.master.supervisor;

import dev.corral.master.control.WorkerLink;

/** Everything the supervision loop reacts to. Other threads only ever enqueue these. */
public sealed interface Event {

    /** A signal reached the master (name as in {@code TERM}, {@code HUP}). */
    record Signal(String name) implements Event {
    }

    /** A worker process ended. */
    record WorkerExited(long pid, int exitValue) implements Event {
    }

    /** A worker connected to the control socket and introduced itself. */
    record WorkerConnected(long pid, WorkerLink link) implements Event {
    }

    /** A worker asked for its listening descriptors. */
    record DescriptorsRequested(long pid) implements Event {
    }

    /** A worker loaded its app and accepts connections. */
    record WorkerReady(long pid) implements Event {
    }

    /** A standby worker loaded its app and waits to be promoted. */
    record StandbyLoaded(long pid) implements Event {
    }

    /** A worker's serving machinery is moving; {@code requests} served so far, its resident memory. */
    record Heartbeat(long pid, long requests, long rssKib) implements Event {
    }

    /** A worker's gauges now and its answers' figures since its last beat (the {@code STATS} line). */
    record Stats(long pid, long connections, long inFlight, long heapBytes, long gcMillis,
                 dev.corral.worker.metrics.RequestFigures.Delta delta) implements Event {

        /** Reads the line, split on spaces; throws on a malformed one. */
        public static Stats parse(long pid, String[] f) {
            return new Stats(pid, Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                    Long.parseLong(f[4]), dev.corral.worker.metrics.RequestFigures.Delta.parse(f, 5));
        }
    }

    /** A worker that timed out has written its thread dump. */
    record DumpWritten(long pid) implements Event {
    }

    /** A worker served its {@code max_requests} quota and asks to be replaced. */
    record RetireRequested(long pid) implements Event {
    }

    /** A new master started by USR2 asks for the listening sockets. */
    record UpgradeRequested(long pid, WorkerLink link) implements Event {
    }

    /** The new master started by USR2 ended. */
    record UpgradeExited(long pid, int status) implements Event {
    }

    /** A control client asked for something ({@code status}, ...); the loop answers on the link. */
    record Command(String line, WorkerLink link) implements Event {
    }
}
