package dev.corral.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The demo app served by real worker processes on one shared socket. */
class ServeIT {
    @RegisterExtension
    final CorralProcesses corral = new CorralProcesses();

    @Test
    void threeWorkersShareTheSocketAndAnswer() throws Exception {
        Corral c = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "3");
        int port = c.port();
        c.awaitLine("Booting worker with pid", Duration.ofSeconds(10));
        Set<Long> workers = c.awaitWorkerCount(3, Duration.ofSeconds(20));
        Corral.await(() -> get(port, "/").status() == 200, Duration.ofSeconds(20), () -> "GET / never answered");

        Http.Reply hello = Http.get(port, "/");
        assertEquals(200, hello.status());
        assertEquals("Hello, World!", hello.body());
        assertEquals(workers, c.workerPids(), "exactly the 3 workers are the master's children");

        // A worker accepts once it has booted and connected to the master: until then the ones
        // already up take every connection. So: new connections until all three answered.
        Set<Long> pids = new HashSet<>();
        Corral.await(() -> {
            Http.Reply r = get(port, "/pid");
            assertEquals(200, r.status());
            long pid = Long.parseLong(r.body().trim());
            assertTrue(workers.contains(pid), pid + " is one of the master's workers " + workers);
            pids.add(pid);
            return pids.equals(workers);
        }, Duration.ofSeconds(20), () -> "new connections reached only " + pids + " of " + workers);
    }

    @Test
    void aNewConnectionGoesToAWorkerWithAFreeThreadNotBehindASlowRequest() throws Exception {
        Corral c = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "2", "--threads", "1");
        int port = c.port();
        Set<Long> workers = c.awaitWorkerCount(2, Duration.ofSeconds(20));
        Set<Long> seen = new HashSet<>();
        Corral.await(() -> seen.add(Long.parseLong(get(port, "/pid").body().trim())) && seen.equals(workers),
                Duration.ofSeconds(20), () -> "new connections reached only " + seen + " of " + workers);
        try (Http slow = new Http(port)) {
            // The pid first, so that we know which worker holds the slow request, its one thread busy.
            slow.send("GET /pid HTTP/1.1\r\nHost: x\r\n\r\nGET /sleep?ms=3000 HTTP/1.1\r\nHost: x\r\n\r\n");
            long busy = Long.parseLong(slow.read().body().trim());
            // The busy worker stops accepting once a follower has taken its loop over, 0.2 ms into
            // the call; nothing outside the worker shows that moment, so it is given 100 ms.
            Thread.sleep(100);
            for (int i = 0; i < 10; i++) {
                long start = System.nanoTime();
                Http.Reply r = get(port, "/pid");
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertEquals(200, r.status());
                assertTrue(millis < 1000, "request " + i + " waited " + millis + " ms behind the slow one");
                assertNotEquals(busy, Long.parseLong(r.body().trim()), "request " + i + " went to the busy worker");
            }
            assertEquals(200, slow.read().status());
        }
    }

    @Test
    void keepAlivePipeliningAndChunkedBodies() throws Exception {
        Corral c = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "1");
        int port = c.port();
        Corral.await(() -> get(port, "/").status() == 200, Duration.ofSeconds(20), () -> "GET / never answered");
        try (Http h = new Http(port)) {
            // Three pipelined requests in one write: answers come back in order on one connection.
            h.send("GET /sleep?ms=200 HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n"
                    + "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            Http.Reply first = h.read();
            Http.Reply second = h.read();
            Http.Reply third = h.read();
            assertEquals(200, first.status());
            assertTrue(first.body().contains("200"), first.body());
            assertEquals("hello, world", second.body());
            assertEquals("Hello, World!", third.body());
            assertEquals("keep-alive", third.header("Connection"));
        }
    }

    @Test
    void badRequestsGetA4xxAndNoWorkerDies() throws Exception {
        Corral c = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "2");
        int port = c.port();
        Set<Long> workers = c.awaitWorkerCount(2, Duration.ofSeconds(20));
        Corral.await(() -> get(port, "/").status() == 200, Duration.ofSeconds(20), () -> "GET / never answered");
        String[][] cases = {
            {"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "400"},
            {"GET / HTTP/2.0\r\nHost: x\r\n\r\n", "505"},
            {"GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: compress-ish\r\n\r\n", "501"},
            {"GET / HTTP/1.1\r\nHost : x\r\n\r\n", "400"},
            {"GET / HTTP/1.1\r\nHost: x\r\nX: a\r\n folded\r\n\r\n", "400"},
            {"GET /" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n", "414"},
            {"GET / HTTP/1.1\r\n\r\n", "400"},
            {"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n", "413"},
        };
        for (String[] bad : cases) {
            try (Http h = new Http(port)) {
                h.send(bad[0]);
                Http.Reply r = h.read();
                assertEquals(Integer.parseInt(bad[1]), r.status(), bad[0]);
                assertEquals("close", r.header("Connection"), bad[0]);
            }
        }
        for (int i = 0; i < 20; i++) {
            assertTrue(workers.contains(Long.parseLong(Http.get(port, "/pid").body().trim())), "the same workers answer");
        }
        assertEquals(workers, c.workerPids(), "no worker died");
        assertEquals(0, c.countLines("exited"), c.outputText());
    }

    static Http.Reply get(int port, String path) {
        try {
            return Http.get(port, path);
        } catch (Exception e) {
            return new Http.Reply(0, "", e.toString());
        }
    }
}
