package dev.corral.master.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.master.settings.Settings;
import dev.corral.master.settings.SettingsLoader;
import dev.corral.master.supervisor.Fakes.FakeLauncher;
import dev.corral.master.supervisor.Fakes.FakeLink;
import dev.corral.master.supervisor.Fakes.FakeProcess;
import dev.corral.master.supervisor.Fakes.FakeSockets;
import dev.corral.worker.control.ControlProtocol;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The loop's handling of events, stepped by hand on fake processes. */
class ArbiterTest {
    final FakeLauncher launcher = new FakeLauncher();
    Settings settings;

    Arbiter arbiter(String... args) throws Exception {
        settings = SettingsLoader.load(List.of(args), Map.of());
        return new Arbiter(settings, sockets, current -> new Reloader.Outcome(current, null), links -> { });
    }

    private final FakeSockets sockets = new FakeSockets();

    @Test
    void aLateReadyDuringAGracefulStopStopsOnlyThatWorker() throws Exception {
        Arbiter arbiter = arbiter("-w", "2");
        WorkerPool pool = arbiter.begin(launcher);
        arbiter.pass(null);
        FakeProcess draining = launcher.spawned.get(0);
        FakeProcess booting = launcher.spawned.get(1);
        FakeLink drainingLink = new FakeLink();
        FakeLink bootingLink = new FakeLink();
        pool.handOver(draining.pid, drainingLink, settings, new TicketKeys().line());
        arbiter.pass(new Event.WorkerReady(draining.pid));
        pool.handOver(booting.pid, bootingLink, settings, new TicketKeys().line());

        assertFalse(sockets.closed);
        arbiter.pass(new Event.Signal("TERM"));
        assertEquals(1, drainingLink.count(ControlProtocol.STOP));
        assertTrue(sockets.closed, "the listening sockets close as the stop begins: new connections are refused");
        arbiter.pass(new Event.WorkerReady(booting.pid));

        assertEquals(0, draining.terminated, "the draining worker keeps its graceful_timeout");
        assertEquals(WorkerSlot.State.STOPPING, pool.slot(booting.pid).orElseThrow().state);
        assertEquals(1, booting.terminated, "sent TERM while it booted, and only then");
        assertEquals(1, bootingLink.count(ControlProtocol.STOP), "and told to stop once it is ready");
    }

    @Test
    void anUnexpectedExceptionStopsEveryWorkerAndTheMasterExitsNonZero() throws Exception {
        Arbiter arbiter = arbiter("-w", "3");
        launcher.failAfter = 2;
        // A fake worker exits as soon as it is signalled, as a real one does on TERM.
        launcher.onSignal = pid -> arbiter.enqueue(new Event.WorkerExited(pid, 143));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        int status;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            status = arbiter.supervise(launcher);
        } finally {
            System.setErr(original);
        }
        String log = err.toString(StandardCharsets.UTF_8);
        assertNotEquals(0, status);
        assertEquals(2, launcher.spawned.size());
        launcher.spawned.forEach(p -> assertEquals(1, p.terminated, "no orphan: every worker is stopped"));
        assertTrue(log.contains("Unhandled exception in main loop"), log);
        assertTrue(log.contains("IllegalStateException: launcher defect"), "with the stack trace: " + log);
    }
}
