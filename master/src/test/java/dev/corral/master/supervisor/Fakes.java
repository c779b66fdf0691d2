package dev.corral.master.supervisor;

import dev.corral.master.settings.Settings;
import dev.corral.master.sockets.ListenerSet;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/** Stand-ins for processes, links and sockets that record what the supervisor does to them. */
final class Fakes {
    private Fakes() {
    }

    static final class FakeProcess implements WorkerProcess {
        final long pid;
        private final LongConsumer onSignal;
        int terminated;
        int killed;

        FakeProcess(long pid, LongConsumer onSignal) {
            this.pid = pid;
            this.onSignal = onSignal;
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public void terminate() {
            terminated++;
            onSignal.accept(pid);
        }

        @Override
        public void kill() {
            killed++;
            onSignal.accept(pid);
        }
    }

    /** Hands out fake processes with pids from 100; {@code onSignal} hears every TERM and KILL. */
    static final class FakeLauncher implements WorkerLauncher {
        final List<FakeProcess> spawned = new ArrayList<>();
        LongConsumer onSignal = pid -> { };
        /** Thrown by the launch after this many, when set: a defect, not an I/O failure. */
        int failAfter = Integer.MAX_VALUE;

        @Override
        public WorkerProcess launch(Settings settings) throws IOException {
            if (spawned.size() >= failAfter) {
                throw new IllegalStateException("launcher defect");
            }
            FakeProcess p = new FakeProcess(100 + spawned.size(), pid -> onSignal.accept(pid));
            spawned.add(p);
            return p;
        }

        FakeProcess last() {
            return spawned.get(spawned.size() - 1);
        }
    }

    static final class FakeLink implements ControlLink {
        final List<String> lines = new ArrayList<>();
        boolean closed;

        @Override
        public void send(String line) {
            lines.add(line);
        }

        @Override
        public void sendDescriptors(List<? extends FileDescriptor> fds) {
            lines.add("<" + fds.size() + " descriptor(s)>");
        }

        @Override
        public void close() {
            closed = true;
        }

        long count(String line) {
            return lines.stream().filter(line::equals).count();
        }
    }

    /** One TCP socket per slot (with no real descriptor); remembers the last release. */
    static final class FakeSockets implements SlotSockets {
        int releasedFrom = -1;
        boolean closed;

        @Override
        public List<ListenerSet.Handed> socketsFor(int slot) {
            return List.of(new ListenerSet.Handed("tcp", null));
        }

        @Override
        public void releaseSlotsFrom(int slots) {
            releasedFrom = slots;
        }

        @Override
        public void closeAll() {
            closed = true;
        }
    }
}
