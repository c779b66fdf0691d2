package dev.corral.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A worker that dies for any reason is replaced while the others keep serving. */
class ReplaceIT {
    @RegisterExtension
    final CorralProcesses corral = new CorralProcesses();

    @Test
    void killedWorkerIsReplacedWithinTwoSecondsWhileRequestsSucceed() throws Exception {
        Corral c = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "3");
        int port = c.port();
        Set<Long> before = c.awaitWorkerCount(3, Duration.ofSeconds(20));
        awaitServing(port);
        long victim = before.iterator().next();

        Corral.signal(victim, "KILL");
        long killedAt = System.nanoTime();
        c.awaitLine("Worker " + victim + " exited on signal 9", Duration.ofSeconds(5));

        // Requests keep succeeding, and a new worker answers within 2 s of the kill.
        Long newcomer = null;
        while (newcomer == null) {
            Http.Reply r = Http.get(port, "/pid");
            assertEquals(200, r.status(), "a request failed after the kill");
            long pid = Long.parseLong(r.body().trim());
            if (!before.contains(pid)) {
                newcomer = pid;
            }
            assertTrue(System.nanoTime() - killedAt < Duration.ofSeconds(2).toNanos(),
                    "no new worker served within 2 s of the kill");
        }
        assertEquals(3, c.workerPids().size());
        assertFalse(c.workerPids().contains(victim));
    }

    @Test
    void crashEndpointCostsOneWorkerAndNoRequestOfTheOthers() throws Exception {
        Corral c = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "3");
        int port = c.port();
        c.awaitWorkerCount(3, Duration.ofSeconds(20));
        awaitServing(port);

        // Keep-alive connections to at least two workers, opened before the crash.
        Map<String, Http> byWorker = new HashMap<>();
        List<Http> spare = new ArrayList<>();
        for (int i = 0; i < 60 && byWorker.size() < 3; i++) {
            Http h = new Http(port);
            h.send("GET /pid HTTP/1.1\r\nHost: x\r\n\r\n");
            String pid = h.read().body().trim();
            if (byWorker.putIfAbsent(pid, h) != null) {
                spare.add(h);
            }
        }
        for (Http h : spare) {
            h.close();
        }
        assertTrue(byWorker.size() >= 2, "connections reach at least two workers: " + byWorker.keySet());

        // Crash the worker behind one connection; the others must not notice.
        String crashed = byWorker.keySet().iterator().next();
        Http doomed = byWorker.remove(crashed);
        doomed.send("GET /crash HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(doomed.closedByServer(), "the crashing worker's connection is closed");
        doomed.close();
        c.awaitLine("Worker " + crashed + " exited with code 70", Duration.ofSeconds(5));

        AtomicInteger answered = new AtomicInteger();
        for (int round = 0; round < 20; round++) {
            for (Map.Entry<String, Http> e : byWorker.entrySet()) {
                e.getValue().send("GET /pid HTTP/1.1\r\nHost: x\r\n\r\n");
                Http.Reply r = e.getValue().read();
                assertEquals(200, r.status());
                assertEquals(e.getKey(), r.body().trim(), "the same worker keeps answering");
                answered.incrementAndGet();
            }
        }
        for (Http h : byWorker.values()) {
            h.close();
        }
        assertEquals(20 * byWorker.size(), answered.get());
        Set<Long> after = c.awaitWorkerCount(3, Duration.ofSeconds(5));
        assertFalse(after.contains(Long.parseLong(crashed)), "the crashed worker was replaced");
    }

    @Test
    void systemExitAndOutOfMemoryAreReplacedToo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path jar = AppIT.AppJar.build(tmp, "com.example.Fragile", """
                package com.example;
                import dev.corral.worker.app.*;
                import java.util.*;
                public class Fragile implements Handler {
                    private final List<long[]> hoard = new ArrayList<>();
                    public Response handle(Request r) {
                        switch (r.path()) {
                            case "/exit": System.exit(5); return null;
                            case "/oom": while (true) { hoard.add(new long[1 << 20]); }
                            default: return Response.text(Long.toString(ProcessHandle.current().pid()));
                        }
                    }
                }
                """);
        Corral c = corral.start("-b", "127.0.0.1:0", "-w", "2", "--app", "com.example.Fragile",
                "--app-classpath", jar.toString());
        int port = c.port();
        c.awaitWorkerCount(2, Duration.ofSeconds(20));
        awaitServing(port);

        assertFalse(ServeIT.get(port, "/exit").status() == 200, "no answer from a worker that exits");
        long exiting = Long.parseLong(c.awaitLine("Worker (\\d+) exited with code 5; replacing it",
                Duration.ofSeconds(10)).group(1));
        awaitServing(port);
        assertFalse(ServeIT.get(port, "/oom").status() == 200, "no answer from a worker out of memory");
        long hoarding = Long.parseLong(c.awaitLine("Worker (\\d+) exited with code 3 \\(perhaps out of memory\\); replacing it",
                Duration.ofSeconds(20)).group(1));
        Set<Long> after = c.awaitWorkerCount(2, Duration.ofSeconds(10));
        assertEquals(2, c.countLines("Worker \\d+ exited with code [35]\\b"), c.outputText());
        assertFalse(after.contains(exiting), "the worker that called System.exit was replaced");
        assertFalse(after.contains(hoarding), "the worker that ran out of memory was replaced");
        awaitServing(port);
    }

    static void awaitServing(int port) {
        Corral.await(() -> ServeIT.get(port, "/").status() == 200, Duration.ofSeconds(20), () -> "GET / never answered");
    }
}
