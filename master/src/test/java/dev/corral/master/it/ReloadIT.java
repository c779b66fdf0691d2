package dev.corral.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** HUP replaces workers one at a time: new settings and new application jars go live with no lost request. */
class ReloadIT {
    @RegisterExtension
    final CorralProcesses corral = new CorralProcesses();

    @TempDir
    Path tmp;

    @Test
    void hupDuringWrkLosesNothingAndReplacesEveryWorker() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/wrk")), "wrk is installed (apt-get install wrk)");
        Corral c = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "2");
        int port = c.port();
        Set<Long> before = c.awaitWorkerCount(2, Duration.ofSeconds(20));
        ReplaceIT.awaitServing(port);

        Process wrk = new ProcessBuilder("wrk", "-t1", "-c32", "-d10s", "http://127.0.0.1:" + port + "/")
                .redirectErrorStream(true).start();
        Corral.await(() -> wrkIsLoading(wrk), Duration.ofSeconds(5), () -> "wrk did not start");
        c.signal("HUP");
        c.awaitLine("Reloading", Duration.ofSeconds(5));
        String report = new String(wrk.getInputStream().readAllBytes());
        assertTrue(wrk.waitFor(30, TimeUnit.SECONDS), "wrk finished");
        System.out.println(report);

        assertFalse(report.contains("Socket errors"), "no socket errors: " + report);
        assertFalse(report.contains("Non-2xx"), "no non-2xx responses: " + report);
        Matcher m = Pattern.compile("(\\d+) requests in").matcher(report);
        assertTrue(m.find() && Long.parseLong(m.group(1)) > 1000, report);
        c.awaitWorkers(pids -> pids.size() == 2 && Collections.disjoint(before, pids), Duration.ofSeconds(20),
                "every worker replaced: 2 workers, none of " + before);
    }

    // wrk has spent CPU on sending requests: the run is under way, and the HUP lands in its middle.
    private static boolean wrkIsLoading(Process wrk) {
        return wrk.isAlive() && wrk.info().totalCpuDuration().map(d -> d.toMillis() > 300).orElse(false);
    }

    @Test
    void newJarGoesLiveOnHupAndABrokenOneNeverTakesTheServiceDown() throws Exception {
        Path app = tmp.resolve("app.jar");
        Files.copy(greeter("v1", ""), app);
        Path config = tmp.resolve("app.properties");
        Files.writeString(config, "app = com.example.Greeter\napp_classpath = " + app + "\nworkers = 2\n");
        Corral c = corral.start("-c", config.toString(), "-b", "127.0.0.1:0");
        int port = c.port();
        c.awaitWorkerCount(2, Duration.ofSeconds(20));
        Corral.await(() -> "v1".equals(ServeIT.get(port, "/").body()), Duration.ofSeconds(20), () -> "v1 never served");

        Files.copy(greeter("v2", ""), app, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        c.signal("HUP");
        Corral.await(() -> allAnswer(port, "v2"), Duration.ofSeconds(30), () -> "v2 never fully live");

        // A jar whose app cannot start: the old workers keep serving, the master retries.
        Files.copy(greeter("v3", "throw new IllegalStateException(\"broken build\");"), app,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        c.signal("HUP");
        c.awaitLine("before it was ready", Duration.ofSeconds(20));
        c.awaitLine("broken build", Duration.ofSeconds(1));
        for (int i = 0; i < 20; i++) {
            assertEquals("v2", Http.get(port, "/").body(), "the v2 workers keep serving");
        }
        assertTrue(c.process().isAlive(), "the master is still running");
    }

    @Test
    void hupReachesAMasterStartedUnderNohup() throws Exception {
        // nohup starts the launcher with HUP ignored, which the JVM would otherwise leave so.
        Corral c = corral.startUnder(List.of("nohup"), List.of(),
                "-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "1");
        int port = c.port();
        Set<Long> before = c.awaitWorkerCount(1, Duration.ofSeconds(20));
        ReplaceIT.awaitServing(port);
        c.signal("HUP");
        c.awaitLine("Handling signal: hup", Duration.ofSeconds(10));
        Corral.await(() -> c.workerPids().size() == 1 && !c.workerPids().equals(before),
                Duration.ofSeconds(20), () -> "the worker was not replaced: " + c.workerPids());
    }

    @Test
    void reloadWithInvalidSettingsIsRefusedAndWorkersUntouched() throws Exception {
        Path config = tmp.resolve("server.properties");
        Files.writeString(config, "workers = 2\nbind = 127.0.0.1:0\n");
        Corral c = corral.start("-c", config.toString());
        int port = c.port();
        Set<Long> before = c.awaitWorkerCount(2, Duration.ofSeconds(20));
        ReplaceIT.awaitServing(port);

        Files.writeString(config, "workers = -1\nbind = 127.0.0.1:0\n");
        c.signal("HUP");
        c.awaitLine("Reload refused: workers", Duration.ofSeconds(5));
        assertEquals(before, c.workerPids());

        Files.writeString(config, "workers = 3\nbind = 127.0.0.1:9\n");
        c.signal("HUP");
        c.awaitLine("bind changed", Duration.ofSeconds(5));
        // Mid-reload a new worker can be ready while the old one it replaces still drains: wait
        // for the end state as one condition, three workers and none of them from before.
        c.awaitWorkers(pids -> pids.size() == 3 && Collections.disjoint(before, pids), Duration.ofSeconds(30),
                "3 workers, none of " + before);
        assertEquals(200, Http.get(port, "/").status(), "still serving on the original address");
    }

    @Test
    void winchWithoutAnUpgradeIsATerminalResizeAndChangesNothing() throws Exception {
        // Sent to a foreground process group on every resize; only during an upgrade (UpgradeIT)
        // does it retire the workers.
        Corral c = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "1");
        int port = c.port();
        Set<Long> before = c.awaitWorkerCount(1, Duration.ofSeconds(20));
        ReplaceIT.awaitServing(port);
        c.signal("WINCH");
        c.signal("WINCH");
        assertEquals("Hello, World!", Http.get(port, "/").body());
        assertTrue(c.process().isAlive(), "the master lives: " + c.outputText());
        assertEquals(before, c.workerPids(), "the same worker serves");
        assertEquals(0, c.countLines("exited|Retiring|winch"), c.outputText());
    }

    @Test
    void usr1ReopensTheErrorLog() throws Exception {
        Path log = tmp.resolve("corral.log");
        Corral c = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "1",
                "--error-logfile", log.toString());
        Corral.await(() -> contains(log, "Booting worker"), Duration.ofSeconds(20), () -> "nothing logged to " + log);
        Path rotated = tmp.resolve("corral.log.1");
        Files.move(log, rotated);
        c.signal("USR1");
        Corral.await(() -> contains(log, "Reopened log files"), Duration.ofSeconds(5), () -> "log not reopened");
        c.signal("TTIN");
        Corral.await(() -> contains(log, "Booting worker"), Duration.ofSeconds(5), () -> "new lines not in the new file");
        assertFalse(contains(rotated, "Handling signal: ttin"));
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.exists(file) && Files.readString(file).contains(text);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static boolean allAnswer(int port, String body) {
        for (int i = 0; i < 20; i++) {
            if (!body.equals(ServeIT.get(port, "/").body())) {
                return false;
            }
        }
        return true;
    }

    private Path greeter(String version, String constructorBody) throws Exception {
        Path dir = Files.createTempDirectory(tmp, "build");
        return AppIT.AppJar.build(dir, "com.example.Greeter", """
                package com.example;
                import dev.corral.worker.app.*;
                public class Greeter implements Handler {
                    public Greeter() { %s }
                    public Response handle(Request r) { return Response.text("%s"); }
                }
                """.formatted(constructorBody, version));
    }

}
