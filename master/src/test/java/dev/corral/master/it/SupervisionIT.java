package dev.corral.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Hung workers, scaling, recycling and boot failures, with real processes. */
class SupervisionIT {
    @RegisterExtension
    final CorralProcesses corral = new CorralProcesses();

    @TempDir
    Path tmp;

    @Test
    void hungWorkerTimesOutAndIsReplaced() throws Exception {
        Corral c = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "1",
                "--threads", "1", "-t", "2");
        int port = c.port();
        long hung = c.awaitWorkerCount(1, Duration.ofSeconds(20)).iterator().next();
        ReplaceIT.awaitServing(port);
        CompletableFuture.runAsync(() -> ServeIT.get(port, "/hang"));

        c.awaitLine("WORKER TIMEOUT \\(pid: " + hung + "\\)", Duration.ofSeconds(10));
        // Its stacks are in the log before the kill: the handler thread sits in the demo's hang.
        c.awaitLine("Thread dump of worker " + hung + " before it is killed", Duration.ofSeconds(5));
        c.awaitLine("^\\s+at dev\\.corral\\.worker\\.demo\\.DemoApp\\.hang\\(", Duration.ofSeconds(5));
        assertEquals(0, c.countLines("wrote no thread dump"), "killed once its dump was written");
        Corral.await(() -> {
            Http.Reply r = ServeIT.get(port, "/pid");
            return r.status() == 200 && !r.body().trim().equals(Long.toString(hung));
        }, Duration.ofSeconds(10), () -> "no replacement for the hung worker");
        assertFalse(Corral.running(hung));
    }

    @Test
    void aLeakingWorkerIsRecycledForItsMemoryWithoutAFailedRequest() throws Exception {
        // A worker idles at about 56 MiB resident; 40 MiB leaked take it well over 80.
        Corral c = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "1", "--max-worker-rss", "80");
        int port = c.port();
        long leaky = c.awaitWorkerCount(1, Duration.ofSeconds(20)).iterator().next();
        ReplaceIT.awaitServing(port);
        // wrk loads the worker while it leaks, is recycled, and its successor takes over.
        boolean withWrk = Files.isExecutable(Path.of("/usr/bin/wrk"));
        Process wrk = withWrk ? new ProcessBuilder("wrk", "-t1", "-c8", "-d10s", "http://127.0.0.1:" + port + "/")
                .redirectErrorStream(true).start() : null;
        assertEquals(200, ServeIT.get(port, "/leak?mb=20").status());
        assertEquals(200, ServeIT.get(port, "/leak?mb=20").status());
        c.awaitLine("Worker " + leaky + " uses \\d+ MiB, over max_worker_rss \\(80 MiB\\)", Duration.ofSeconds(15));
        c.awaitLine("Retiring worker " + leaky + " \\(memory\\)", Duration.ofSeconds(15));
        if (wrk != null) {
            String report = new String(wrk.getInputStream().readAllBytes());
            assertTrue(wrk.waitFor(30, TimeUnit.SECONDS));
            System.out.println(report);
            assertFalse(report.contains("Socket errors") || report.contains("Non-2xx"),
                    "no request failed while the worker was recycled for its memory: " + report);
        }
        // Requests sent while it drains and its successor boots wait in the queue: none fails.
        Corral.await(() -> {
            Http.Reply r = ServeIT.get(port, "/pid");
            assertEquals(200, r.status(), "a request failed while the worker was recycled: " + r.body());
            return !r.body().trim().equals(Long.toString(leaky));
        }, Duration.ofSeconds(20), () -> "no replacement for the leaking worker");
    }

    @Test
    void slowButProgressingRequestIsNotAHang() throws Exception {
        Corral c = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "1",
                "--threads", "4", "-t", "3");
        int port = c.port();
        Set<Long> before = c.awaitWorkerCount(1, Duration.ofSeconds(20));
        ReplaceIT.awaitServing(port);
        Http.Reply slow = Http.get(port, "/sleep?ms=8000");
        assertEquals(200, slow.status());
        assertEquals(before, c.workerPids(), "no worker was killed");
        assertEquals(0, c.countLines("WORKER TIMEOUT"));
    }

    @Test
    void ttinAndTtouScaleByOneNeverBelowOne() throws Exception {
        Corral c = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "2");
        int port = c.port();
        c.awaitWorkerCount(2, Duration.ofSeconds(20));
        ReplaceIT.awaitServing(port);
        c.signal("TTIN");
        c.awaitWorkerCount(3, Duration.ofSeconds(10));
        c.signal("TTOU");
        c.awaitWorkerCount(2, Duration.ofSeconds(10));
        c.signal("TTOU");
        c.awaitWorkerCount(1, Duration.ofSeconds(10));
        c.signal("TTOU");
        c.awaitLine("Handling signal: ttou", Duration.ofSeconds(2));
        assertEquals(1, c.awaitWorkerCount(1, Duration.ofSeconds(2)).size(), "never below one");
        assertEquals(200, Http.get(port, "/").status());
    }

    @Test
    void ttouUnderLoadLosesNoConnection() throws Exception {
        // One socket shared by every worker: the one that retires leaves the queue to the others,
        // whatever net.ipv4.tcp_migrate_req says.
        ttouUnderLoad();
    }

    @Test
    void ttouUnderLoadWithReusePortLosesNoConnectionWhenTheKernelMigratesRequests() throws Exception {
        // Without it the kernel resets the connections still in the handshake on the share that
        // closes: a few under this load, which no server can keep (README, TTOU).
        assumeTrue(kernelMigratesRequests(), "sysctl net.ipv4.tcp_migrate_req = 1");
        ttouUnderLoad("--reuse-port");
    }

    private void ttouUnderLoad(String... more) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/wrk")), "wrk is installed (apt-get install wrk)");
        List<String> args = new ArrayList<>(List.of("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "3"));
        args.addAll(List.of(more));
        Corral c = corral.start(args.toArray(String[]::new));
        int port = c.port();
        c.awaitWorkerCount(3, Duration.ofSeconds(20));
        ReplaceIT.awaitServing(port);

        // A new connection per request, so that many are in the accept queue when a worker goes.
        Process wrk = new ProcessBuilder("wrk", "-t1", "-c16", "-d5s", "-H", "Connection: close",
                "http://127.0.0.1:" + port + "/").redirectErrorStream(true).start();
        Corral.await(() -> wrk.isAlive() && wrk.info().totalCpuDuration().map(d -> d.toMillis() > 300).orElse(false),
                Duration.ofSeconds(5), () -> "wrk did not start");
        c.signal("TTOU");
        c.awaitWorkerCount(2, Duration.ofSeconds(10));
        String report = new String(wrk.getInputStream().readAllBytes());
        assertTrue(wrk.waitFor(30, TimeUnit.SECONDS), "wrk finished");

        assertFalse(report.contains("Socket errors"), "no socket errors: " + report);
        assertFalse(report.contains("Non-2xx"), "no non-2xx responses: " + report);
    }

    private static boolean kernelMigratesRequests() throws java.io.IOException {
        Path sysctl = Path.of("/proc/sys/net/ipv4/tcp_migrate_req");
        return Files.isReadable(sysctl) && Files.readString(sysctl).trim().equals("1");
    }

    @Test
    void maxRequestsRecyclesWorkersWithoutAFailedRequest() throws Exception {
        Corral c = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "2",
                "--max-requests", "200", "--max-requests-jitter", "20");
        int port = c.port();
        Set<Long> first = c.awaitWorkerCount(2, Duration.ofSeconds(20));
        ReplaceIT.awaitServing(port);
        Set<String> answeredBy = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            Http.Reply r = Http.get(port, "/pid");
            assertEquals(200, r.status(), "request " + i + " failed: " + r.body());
            answeredBy.add(r.body().trim());
        }
        assertTrue(c.countLines("Retiring worker \\d+ \\(max_requests\\)") >= 4, c.outputText());
        assertTrue(answeredBy.size() >= 6, "recycled workers answered: " + answeredBy);
        Set<Long> now = c.awaitWorkerCount(2, Duration.ofSeconds(10));
        assertFalse(now.containsAll(first), "the first workers were recycled");
    }

    @Test
    void appThatCannotBootMakesTheMasterGiveUp() throws Exception {
        Path jar = AppIT.AppJar.build(tmp, "com.example.Broken", """
                package com.example;
                import dev.corral.worker.app.*;
                public class Broken implements Handler {
                    public Broken() { throw new IllegalStateException("no database"); }
                    public Response handle(Request r) { return Response.text("unreachable"); }
                }
                """);
        long t0 = System.nanoTime();
        Corral c = corral.start("-b", "127.0.0.1:0", "-w", "2", "--app", "com.example.Broken",
                "--app-classpath", jar.toString());
        int status = c.awaitExit(Duration.ofSeconds(30));
        assertEquals(3, status);
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(30).toNanos());
        c.awaitLine("Shutting down: Worker failed to boot.", Duration.ofSeconds(1));
        assertTrue(c.outputText().contains("no database"), "the cause is logged");
        assertFalse(c.outputText().contains("\tat "), "no stack trace");
    }

    @Test
    void statusShowsWorkersAndRestartsByCause() throws Exception {
        Path pidfile = tmp.resolve("corral.pid");
        Corral c = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "2",
                "-p", pidfile.toString());
        int port = c.port();
        Set<Long> workers = c.awaitWorkerCount(2, Duration.ofSeconds(20));
        ReplaceIT.awaitServing(port);
        Corral.signal(workers.iterator().next(), "KILL");
        c.awaitLine("exited on signal 9", Duration.ofSeconds(5));
        c.awaitWorkerCount(2, Duration.ofSeconds(10));

        String status = runCli("status", "-p", pidfile.toString());
        for (long pid : c.workerPids()) {
            assertTrue(status.contains(Long.toString(pid)), status);
        }
        assertTrue(status.contains("PID") && status.contains("STATE") && status.contains("REQUESTS"), status);
        assertTrue(status.contains("crash 1"), status);

        JsonPath json = JsonPath.from(runCli("status", "--json", "-p", pidfile.toString()));
        assertEquals(c.pid(), json.getLong("master"));
        assertEquals(2, json.getInt("workers_wanted"));
        assertEquals(1, json.getInt("restarts.crash"));
        assertEquals(c.workerPids(), Set.copyOf(json.getList("workers.pid", Long.class)));
        // Resident memory comes with the heartbeats, four a second.
        Corral.await(() -> JsonPath.from(runCliQuietly("status", "--json", "-p", pidfile.toString()))
                .getList("workers.rss_kib", Long.class).stream().allMatch(kib -> kib != null && kib > 1024),
                Duration.ofSeconds(5), () -> "no worker reported its RSS");

        // corral top: the same workers, with requests per second from two looks a second apart.
        Process load = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "--parallel", "--parallel-max", "2",
                "http://127.0.0.1:" + port + "/sleep?ms=50&n=[1-100]").start();
        try {
            String top = runCli("top", "-n", "2", "-p", pidfile.toString());
            String[] frames = top.split("\n\n");
            assertEquals(2, frames.length, top);
            assertTrue(frames[1].contains("REQ/S") && frames[1].contains("IN-FLIGHT"), top);
            for (long pid : c.workerPids()) {
                assertTrue(frames[1].matches("(?s).*\\n" + pid + " +ready +\\d+s +\\d+ .*"), top);
            }
            assertTrue(frames[1].matches("(?s).*ready +\\d+s +[1-9]\\d* .*"), "some worker answers requests: " + top);
        } finally {
            load.destroy();
            load.waitFor();
        }

        assertTrue(runCli("scale", "3", "-p", pidfile.toString()).contains("3"));
        c.awaitWorkerCount(3, Duration.ofSeconds(10));
        Process tooMany = cli("scale", "2000", "-p", pidfile.toString());
        String refused = new String(tooMany.getInputStream().readAllBytes());
        assertEquals(2, tooMany.waitFor(), refused);
        assertTrue(refused.contains("from 1 to 1024"), refused);
        runCli("stop", "-p", pidfile.toString());
        assertEquals(0, c.awaitExit(Duration.ofSeconds(40)));
    }

    @Test
    void statusWithoutARunningMasterSaysSo() throws Exception {
        Path pidfile = tmp.resolve("nobody.pid");
        Files.writeString(pidfile, "999999999\n");
        Process p = cli("status", "-p", pidfile.toString());
        String out = new String(p.getInputStream().readAllBytes());
        assertNotEquals(0, p.waitFor());
        assertTrue(out.contains("no master is running"), out);
    }

    private static String runCliQuietly(String... args) {
        try {
            return runCli(args);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String runCli(String... args) throws Exception {
        Process p = cli(args);
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    static Process cli(String... args) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Corral.HOME.resolve("scripts/corral").toString());
        cmd.addAll(java.util.List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(Corral.HOME.toFile());
        pb.environment().put("CORRAL_SKIP_BUILD", "1");
        return pb.start();
    }
}
