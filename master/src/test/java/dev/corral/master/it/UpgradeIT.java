package dev.corral.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrading Corral in place as Gunicorn documents it: USR2 to the old master starts a new one on
 * the same sockets, WINCH retires the old workers, TERM ends the old master; nothing is lost
 * under wrk. A new master that cannot start leaves the old one serving.
 */
class UpgradeIT {
    @RegisterExtension
    final CorralProcesses corral = new CorralProcesses();

    @TempDir
    Path tmp;

    // New masters are children of the old, not of the test: ended here by pid.
    private final List<Long> newMasters = new ArrayList<>();

    @AfterEach
    void endNewMasters() throws Exception {
        for (long pid : newMasters) {
            var handle = ProcessHandle.of(pid);
            if (handle.isEmpty()) {
                continue;
            }
            List<ProcessHandle> workers = handle.get().children().toList();
            handle.get().destroy();
            if (!handle.get().onExit().completeOnTimeout(null, 20, TimeUnit.SECONDS).get().equals(handle.get())) {
                handle.get().destroyForcibly();
            }
            workers.forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void usr2WinchAndTermUnderWrkLoseNothingAndTheNewMasterServesOn() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/wrk")), "wrk is installed (apt-get install wrk)");
        Path pidfile = tmp.resolve("corral.pid");
        Path oldbin = tmp.resolve("corral.pid.oldbin");
        Corral old = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "2", "-p", pidfile.toString());
        int port = old.port();
        Set<Long> oldWorkers = old.awaitWorkerCount(2, Duration.ofSeconds(20));
        ReplaceIT.awaitServing(port);

        Process wrk = new ProcessBuilder("wrk", "-t1", "-c32", "-d15s", "http://127.0.0.1:" + port + "/")
                .redirectErrorStream(true).start();
        Corral.await(() -> wrk.isAlive() && wrk.info().totalCpuDuration().map(d -> d.toMillis() > 200).orElse(false),
                Duration.ofSeconds(5), () -> "wrk did not start");

        old.signal("USR2");
        long fresh = Long.parseLong(old.awaitLine("Handed the listening sockets to the new master \\(pid (\\d+)\\)",
                Duration.ofSeconds(30)).group(1));
        newMasters.add(fresh);
        assertEquals(Long.toString(old.pid()), Files.readString(oldbin).trim(), "the old pidfile is <pidfile>.oldbin");
        Corral.await(() -> children(fresh).size() == 2, Duration.ofSeconds(30), () -> "the new master's workers");
        Corral.await(() -> pidIn(pidfile).equals(Long.toString(fresh)), Duration.ofSeconds(10),
                () -> "the pidfile names the new master");
        old.awaitLine("Listening at: http://127.0.0.1:" + port + " \\(" + fresh + "\\)", Duration.ofSeconds(5));

        old.signal("WINCH");
        old.awaitLine("Retiring every worker: the new master \\(pid " + fresh + "\\) serves", Duration.ofSeconds(5));
        // The new master is a child of the old one too.
        Corral.await(() -> old.workerPids().equals(Set.of(fresh)), Duration.ofSeconds(30), () -> "the old workers retired");
        old.signal("TERM");
        assertEquals(0, old.awaitExit(Duration.ofSeconds(30)));

        String report = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(wrk.waitFor(30, TimeUnit.SECONDS));
        assertFalse(report.contains("Socket errors"), "no socket errors through the upgrade: " + report);
        assertFalse(report.contains("Non-2xx"), "no non-2xx through the upgrade: " + report);

        long answeredBy = Long.parseLong(ServeIT.get(port, "/pid").body().trim());
        assertTrue(children(fresh).contains(answeredBy), "a new worker answers");
        assertFalse(oldWorkers.contains(answeredBy));
        assertFalse(Files.exists(oldbin), "the old master removed its .oldbin on the way out");
        assertTrue(ProcessHandle.of(fresh).map(ProcessHandle::isAlive).orElse(false), "the new master outlives the old");
    }

    @Test
    void aNewMasterThatCannotStartLeavesTheOldOneServing() throws Exception {
        Path config = tmp.resolve("corral.properties");
        Path pidfile = tmp.resolve("corral.pid");
        Files.writeString(config, "bind = 127.0.0.1:0\nworkers = 1\npidfile = " + pidfile + "\n");
        Corral old = corral.start("-c", config.toString());
        int port = old.port();
        ReplaceIT.awaitServing(port);

        // The file now holds a mistake: the new master reads it, and refuses to start.
        Files.writeString(config, "bind = 127.0.0.1:0\nworkers = -1\npidfile = " + pidfile + "\n");
        old.signal("USR2");
        long fresh = Long.parseLong(old.awaitLine("started a new master with pid (\\d+)", Duration.ofSeconds(10)).group(1));
        newMasters.add(fresh);
        old.awaitLine("The new master \\(pid " + fresh + "\\) exited with code 2; this master keeps serving",
                Duration.ofSeconds(30));
        assertTrue(old.outputText().contains("corral: error: workers: '-1' is not allowed"), old.outputText());
        assertEquals(Long.toString(old.pid()), pidIn(pidfile), "the pidfile is the old master's again");
        assertFalse(Files.exists(tmp.resolve("corral.pid.oldbin")));
        assertEquals(200, ServeIT.get(port, "/").status());
    }

    private static Set<Long> children(long pid) {
        return ProcessHandle.of(pid).map(h -> h.children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet())).orElse(Set.of());
    }

    private static String pidIn(Path pidfile) {
        try {
            return Files.readString(pidfile).trim();
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
