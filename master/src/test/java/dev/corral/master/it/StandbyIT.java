package dev.corral.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** standby_workers: a booted spare takes a dead worker's place without a JVM boot. */
class StandbyIT {
    @RegisterExtension
    final CorralProcesses corral = new CorralProcesses();

    @TempDir
    Path tmp;

    @Test
    void theStandbyAnswersForAKilledWorkerAtOnceAndANewStandbyBootsBehindIt() throws Exception {
        Path pidfile = tmp.resolve("corral.pid");
        Corral c = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "1",
                "--standby-workers", "1", "-p", pidfile.toString());
        int port = c.port();
        long spare = Long.parseLong(c.awaitLine("Worker (\\d+) standing by", Duration.ofSeconds(30)).group(1));
        long serving = Long.parseLong(ServeIT.get(port, "/pid").body().trim());
        assertNotEquals(spare, serving, "the standby holds no socket: it answers nothing");
        String status = SupervisionIT.runCli("status", "-p", pidfile.toString());
        assertTrue(status.lines().anyMatch(l -> l.startsWith(spare + " ") && l.contains("standby")), status);

        Corral.signal(serving, "KILL");
        long killedAt = System.nanoTime();
        // The only serving worker is gone: this request waits in the listen queue for the standby.
        Http.Reply r = Http.get(port, "/pid");
        long tookMillis = (System.nanoTime() - killedAt) / 1_000_000;
        assertEquals(200, r.status());
        assertEquals(spare, Long.parseLong(r.body().trim()), "the standby took the slot");
        // A JVM boot is ~0.5 s here; a promotion is the time to start an event loop (tens of ms).
        assertTrue(tookMillis < 400, "answered " + tookMillis + " ms after the kill");
        c.awaitLine("Promoting standby worker " + spare, Duration.ofSeconds(5));

        long next = Long.parseLong(c.awaitLine("Worker (?!" + spare + " )(\\d+) standing by", Duration.ofSeconds(30)).group(1));
        assertNotEquals(spare, next);
        Set<Long> pids = c.awaitWorkerCount(2, Duration.ofSeconds(10));
        assertTrue(pids.contains(spare) && pids.contains(next), pids.toString());
    }

    @Test
    void aReloadReplacesTheStandbyAndAStopEndsIt() throws Exception {
        Corral c = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "1",
                "--standby-workers", "1");
        int port = c.port();
        long spare = Long.parseLong(c.awaitLine("Worker (\\d+) standing by", Duration.ofSeconds(30)).group(1));

        Corral.signal(c.pid(), "HUP");
        // Its app and settings are the old ones: it stops, and a new standby loads the new ones.
        Corral.await(() -> !Corral.running(spare), Duration.ofSeconds(20), () -> "the old standby still runs");
        c.awaitLine("Worker (?!" + spare + " )(\\d+) standing by", Duration.ofSeconds(30));
        assertEquals(200, ServeIT.get(port, "/").status());

        Set<Long> all = c.awaitWorkerCount(2, Duration.ofSeconds(20));
        Corral.signal(c.pid(), "TERM");
        assertEquals(0, c.awaitExit(Duration.ofSeconds(20)));
        for (long pid : all) {
            assertTrue(!Corral.running(pid), "worker " + pid + " outlived the master");
        }
    }

    @Test
    void workersRetiringUnderWrkHandTheirSlotsToStandbysWithoutAFailedRequest() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/wrk")), "wrk is installed (apt-get install wrk)");
        Corral c = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "2",
                "--standby-workers", "1", "--max-requests", "4000", "--max-requests-jitter", "400");
        int port = c.port();
        c.awaitLine("Worker (\\d+) standing by", Duration.ofSeconds(30));

        Process wrk = new ProcessBuilder("wrk", "-t1", "-c16", "-d6s", "-H", "Connection: close",
                "http://127.0.0.1:" + port + "/").redirectErrorStream(true).start();
        String report = new String(wrk.getInputStream().readAllBytes());
        assertTrue(wrk.waitFor(30, TimeUnit.SECONDS), "wrk finished");

        assertTrue(c.countLines("Promoting standby worker") >= 1, c.outputText());
        assertFalse(report.contains("Socket errors"), "no socket errors: " + report);
        assertFalse(report.contains("Non-2xx"), "no non-2xx responses: " + report);
    }
}
