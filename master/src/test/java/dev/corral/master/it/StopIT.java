package dev.corral.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The master stops as Gunicorn users expect, and workers never outlive it. */
class StopIT {
    @RegisterExtension
    final CorralProcesses corral = new CorralProcesses();

    @TempDir
    Path tmp;

    @Test
    void termFinishesInFlightRequestsThenEverythingExits() throws Exception {
        Path pidfile = tmp.resolve("corral.pid");
        Corral c = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "1",
                "--threads", "1", "--graceful-timeout", "5", "-p", pidfile.toString());
        int port = c.port();
        Set<Long> workers = c.awaitWorkerCount(1, Duration.ofSeconds(20));
        ReplaceIT.awaitServing(port);
        assertEquals(Long.toString(c.pid()), Files.readString(pidfile).trim());
        Path controlDir = Path.of(System.getProperty("java.io.tmpdir"), "corral-" + c.pid());
        assertTrue(Files.isDirectory(controlDir));
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(controlDir)), "only the master's user can open the control directory");

        CompletableFuture<Http.Reply> inFlight = CompletableFuture.supplyAsync(() -> ServeIT.get(port, "/sleep?ms=2000"));
        // One handler thread: while /sleep holds it, a second request waits unanswered.
        Http queued = new Http(port);
        Corral.await(() -> waitsUnanswered(queued), Duration.ofSeconds(5), () -> "/sleep never occupied the handler");
        long t0 = System.nanoTime();
        c.signal("TERM");
        // New connections are refused at once while the in-flight ones finish: not queued, then reset.
        Corral.await(() -> refused(port), Duration.ofSeconds(2), () -> "a new connection was still accepted");
        assertFalse(inFlight.isDone(), "refused while /sleep was still in flight");

        assertEquals(0, c.awaitExit(Duration.ofSeconds(5 + 2)), "master exits 0");
        assertEquals(200, inFlight.get().status(), "the in-flight request got its answer: " + inFlight.get().body());
        Http.Reply second = queued.read();
        assertEquals(200, second.status(), "the queued request was answered too");
        assertEquals("close", second.header("Connection"), "a draining worker closes the connection");
        queued.close();
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(7).toNanos());
        for (long w : workers) {
            assertFalse(Corral.running(w), "worker " + w + " is gone");
        }
        assertFalse(Files.exists(pidfile), "pidfile removed");
        assertFalse(Files.exists(controlDir), "control socket directory removed");
    }

    private static boolean refused(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
            return false;
        } catch (java.net.ConnectException e) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void aStartingMasterRemovesTheControlDirectoryOfADeadOne() throws Exception {
        // No process can have this pid (Linux pids stop at 4194304): as if its master were killed -9.
        Path stale = Path.of(System.getProperty("java.io.tmpdir"), "corral-999999999");
        Files.createDirectories(stale);
        Files.writeString(stale.resolve("control.sock"), "");
        Corral c = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "1");
        c.port();
        Corral.await(() -> !Files.exists(stale), Duration.ofSeconds(10), () -> stale + " still there");
    }

    @Test
    void intStopsAtOnce() throws Exception {
        Corral c = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "2");
        int port = c.port();
        Set<Long> workers = c.awaitWorkerCount(2, Duration.ofSeconds(20));
        ReplaceIT.awaitServing(port);
        c.signal("INT");
        assertEquals(0, c.awaitExit(Duration.ofSeconds(4)));
        for (long w : workers) {
            Corral.await(() -> !Corral.running(w),
                    Duration.ofSeconds(1), () -> "worker " + w + " still alive");
        }
    }

    @Test
    void workersExitWhenTheMasterIsKilled() throws Exception {
        Corral c = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "2");
        int port = c.port();
        Set<Long> workers = c.awaitWorkerCount(2, Duration.ofSeconds(20));
        ReplaceIT.awaitServing(port);
        c.signal("KILL");
        for (long w : workers) {
            Corral.await(() -> !Corral.running(w),
                    Duration.ofSeconds(2), () -> "worker " + w + " outlived its master by 2 s");
        }
    }

    /** Sends GET / and reports whether it stays unanswered for 300 ms (the handler is busy). */
    private static boolean waitsUnanswered(Http h) {
        try {
            h.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            if (h.readsNothingFor(Duration.ofMillis(300))) {
                return true;
            }
            h.read();
            return false;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
