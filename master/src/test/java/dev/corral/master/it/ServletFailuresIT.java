package dev.corral.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A servlet that fails (throws, exits, runs out of memory), a new version deployed by HUP under
 * load, and an app class that is no application: hello-servlet from samples/ on a real master.
 */
class ServletFailuresIT {
    private static final String HELLO = "com.example.hello.HelloServlet";

    @RegisterExtension
    final CorralProcesses corral = new CorralProcesses();

    @TempDir
    Path tmp;

    @Test
    void hupWithANewJarUnderLoadLosesNoRequestAndServesTheNewVersion() throws Exception {
        Path app = Files.createDirectories(tmp.resolve("app")).resolve("hello-servlet.jar");
        Files.copy(helloJar(), app);
        Corral c = corral.start("-b", "127.0.0.1:0", "-w", "2", "--app", HELLO, "--app-classpath", app.toString());
        int port = c.port();
        Set<Long> before = c.awaitWorkerCount(2, Duration.ofSeconds(20));
        Corral.await(() -> "1".equals(ServeIT.get(port, "/version").body().trim()), Duration.ofSeconds(20),
                () -> "version 1 never served");

        // Deployed as a careful user does: written beside it, then renamed over it in one step.
        Path next = app.resolveSibling(".hello-servlet.jar.new");
        withVersion(app, next, "2");
        try (Load load = new Load(port, "/version", 4)) {
            Corral.await(() -> load.leastRequestsPerClient() >= 20, Duration.ofSeconds(10), () -> "load never got going: "
                    + load.failures);
            Files.move(next, app, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            c.signal("HUP");
            c.awaitLine("Handling signal: hup", Duration.ofSeconds(5));
            // Until both workers are new ones and every client has been answered by one.
            Corral.await(() -> Collections.disjoint(before, c.workerPids()) && c.workerPids().size() == 2
                    && load.everyClientSaw("2") || !load.failures.isEmpty(), Duration.ofSeconds(30),
                    () -> "reload not done: workers " + c.workerPids() + " (before " + before + "), versions seen "
                            + load.seen);
            load.stop();
            System.out.println("load during the reload: " + load.total() + " requests, per client " + load.counts
                    + ", versions seen " + load.seen);
            assertEquals(List.of(), load.failures, "every request during the reload answered 200");
            assertTrue(load.total() > 200, "requests sent: " + load.total());
            assertTrue(load.everyClientSaw("1"), "the old version served during the reload: " + load.seen);
        }
        Corral.await(() -> answersOnNewConnections(port, "/version", "2", 20), Duration.ofSeconds(20),
                () -> "version 2 never answered on every connection");
        assertEquals(0, c.countLines("exited with code"), "no worker crashed: " + c.outputText());
    }

    @Test
    void anExceptionIsA500AndTheWorkerKeepsServing() throws Exception {
        Corral c = corral.start("-b", "127.0.0.1:0", "-w", "2", "--app", HELLO, "--app-classpath", helloJar().toString());
        int port = c.port();
        Set<Long> workers = c.awaitWorkerCount(2, Duration.ofSeconds(20));
        ReplaceIT.awaitServing(port);
        try (Http h = new Http(port)) {
            h.send("GET /pid HTTP/1.1\r\nHost: x\r\n\r\n");
            String pid = h.read().body().trim();
            h.send("GET /throw HTTP/1.1\r\nHost: x\r\n\r\n");
            Http.Reply thrown = h.read();
            assertEquals(500, thrown.status(), thrown.body());
            assertFalse(thrown.body().contains("IllegalStateException"), "no stack trace to the client: " + thrown.body());
            h.send("GET /pid HTTP/1.1\r\nHost: x\r\n\r\n");
            Http.Reply same = h.read();
            assertEquals(200, same.status(), "the connection still serves after the 500");
            assertEquals(pid, same.body().trim(), "the same worker");
        }
        Http.Reply next = Http.get(port, "/");
        assertEquals(200, next.status(), next.body());
        assertEquals("Hello, World!", next.body());
        c.awaitLine("Error handling request GET /throw", Duration.ofSeconds(5));
        c.awaitLine("IllegalStateException: thrown on purpose by /throw", Duration.ofSeconds(5));
        assertEquals(workers, c.workerPids(), "no worker was replaced");
        assertEquals(0, c.countLines("exited"), c.outputText());
    }

    @Test
    void exitAndOutOfMemoryEachCostOneWorkerWhichIsReplacedWhileTheOtherServes() throws Exception {
        // The default worker heap (64 MiB) is what /oom fills.
        Corral c = corral.start("-b", "127.0.0.1:0", "-w", "2", "--app", HELLO, "--app-classpath", helloJar().toString());
        int port = c.port();
        Set<Long> first = c.awaitWorkerCount(2, Duration.ofSeconds(20));
        ReplaceIT.awaitServing(port);

        long exiting = killThrough(port, "/exit");
        assertTrue(first.contains(exiting), exiting + " is one of " + first);
        assertServesRightAway(port);
        c.awaitLine("Worker " + exiting + " exited with code 3", Duration.ofSeconds(10));
        Set<Long> second = c.awaitWorkers(pids -> pids.size() == 2 && !pids.contains(exiting), Duration.ofSeconds(20),
                "2 workers, without " + exiting);
        long replacement = second.stream().filter(p -> !first.contains(p)).findFirst().orElseThrow();
        c.awaitLine("Booting worker with pid: " + replacement, Duration.ofSeconds(5));
        ReplaceIT.awaitServing(port);

        long hoarding = killThrough(port, "/oom");
        assertServesRightAway(port);
        c.awaitLine("Worker " + hoarding + " exited with code 3 \\(perhaps out of memory\\); replacing it",
                Duration.ofSeconds(20));
        assertTrue(c.countLines("Terminating due to java.lang.OutOfMemoryError") >= 1, c.outputText());
        Set<Long> third = c.awaitWorkers(pids -> pids.size() == 2 && !pids.contains(hoarding), Duration.ofSeconds(20),
                "2 workers, without " + hoarding);
        assertFalse(third.contains(exiting));
        assertEquals(2, c.countLines("Worker \\d+ exited with code 3"), c.outputText());
        ReplaceIT.awaitServing(port);
        assertTrue(c.process().isAlive(), "the master lives");
    }

    /**
     * Asks one worker, identified on a keep-alive connection, for {@code path}, which ends it:
     * no answer comes. Returns that worker's pid.
     */
    private static long killThrough(int port, String path) throws IOException {
        try (Http h = new Http(port)) {
            h.send("GET /pid HTTP/1.1\r\nHost: x\r\n\r\n");
            long pid = Long.parseLong(h.read().body().trim());
            h.send("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
            try {
                Http.Reply r = h.read();
                throw new AssertionError("GET " + path + " answered " + r.status() + ": " + r.body());
            } catch (IOException closed) {
                // The worker is gone with the connection: what a client sees.
            }
            return pid;
        }
    }

    private static void assertServesRightAway(int port) {
        Http.Reply r = ServeIT.get(port, "/");
        assertEquals(200, r.status(), "the other worker serves at once: " + r.body());
        assertEquals("Hello, World!", r.body());
    }

    @Test
    void aClassThatIsNoApplicationIsRefusedAtStartInOneLine() throws Exception {
        String jar = helloJar().toString();
        Corral notAnApp = corral.start("-b", "127.0.0.1:0", "-w", "1", "--app", "java.lang.String", "--app-classpath", jar);
        assertOneLineRefusal(notAnApp, "app:", "java.lang.String", "jakarta.servlet.Servlet");
        Corral missing = corral.start("-b", "127.0.0.1:0", "-w", "1", "--app", "com.example.hello.NoSuchServlet",
                "--app-classpath", jar);
        assertOneLineRefusal(missing, "app:", "com.example.hello.NoSuchServlet", "not found", jar);
    }

    private static void assertOneLineRefusal(Corral c, String... mentions) throws InterruptedException {
        assertNotEquals(0, c.awaitExit(Duration.ofSeconds(10)), "non-zero exit");
        String out = c.outputText().strip();
        assertEquals(1, out.lines().count(), "exactly one line: " + out);
        for (String m : mentions) {
            assertTrue(out.contains(m), "the message names '" + m + "': " + out);
        }
        assertFalse(out.contains("Exception"), "no stack trace: " + out);
        assertTrue(c.workerPids().isEmpty(), "no worker started");
    }

    private static Path helloJar() {
        Path jar = ServletAppsIT.SAMPLES.resolve("hello-servlet/target/app/lib/hello-servlet.jar");
        assertTrue(Files.isRegularFile(jar), "the sample is built (mvn -pl master -am): " + jar);
        return jar;
    }

    /** Writes a copy of {@code jar} to {@code to} whose {@code version.txt} holds {@code version}. */
    private static void withVersion(Path jar, Path to, String version) throws IOException {
        boolean replaced = false;
        try (ZipFile in = new ZipFile(jar.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (Enumeration<? extends ZipEntry> entries = in.entries(); entries.hasMoreElements(); ) {
                ZipEntry e = entries.nextElement();
                out.putNextEntry(new ZipEntry(e.getName()));
                if (e.getName().equals("version.txt")) {
                    out.write((version + "\n").getBytes(StandardCharsets.UTF_8));
                    replaced = true;
                } else {
                    try (InputStream content = in.getInputStream(e)) {
                        content.transferTo((OutputStream) out);
                    }
                }
                out.closeEntry();
            }
        }
        assertTrue(replaced, "version.txt is in " + jar);
    }

    private static boolean answersOnNewConnections(int port, String path, String body, int times) {
        for (int i = 0; i < times; i++) {
            Http.Reply r = ServeIT.get(port, path);
            if (r.status() != 200 || !body.equals(r.body().trim())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Clients, each on its own java.net.http keep-alive connection, sending {@code GET path} in a
     * loop until stopped (at most 60 s). Every answer other than a 200 is a failure, kept with
     * what it was; the bodies of the 200s are kept per client.
     */
    static final class Load implements AutoCloseable {
        final List<String> failures = new CopyOnWriteArrayList<>();
        final List<Set<String>> seen = new ArrayList<>();
        private final List<AtomicLong> counts = new ArrayList<>();
        private final List<Thread> clients = new ArrayList<>();
        private volatile boolean stopped;

        Load(int port, String path, int clients) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            for (int i = 0; i < clients; i++) {
                Set<String> bodies = ConcurrentHashMap.newKeySet();
                AtomicLong count = new AtomicLong();
                seen.add(bodies);
                counts.add(count);
                Thread t = new Thread(() -> run(URI.create("http://127.0.0.1:" + port + path), bodies, count, deadline),
                        "load-" + i);
                t.setDaemon(true);
                this.clients.add(t);
            }
            this.clients.forEach(Thread::start);
        }

        private void run(URI uri, Set<String> bodies, AtomicLong count, long deadline) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest get = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
            while (!stopped && System.nanoTime() < deadline) {
                try {
                    HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        bodies.add(r.body().trim());
                    } else {
                        failures.add("status " + r.statusCode() + ": " + r.body());
                    }
                } catch (IOException e) {
                    failures.add(e.toString());
                } catch (InterruptedException e) {
                    return;
                }
                count.incrementAndGet();
            }
        }

        long leastRequestsPerClient() {
            return counts.stream().mapToLong(AtomicLong::get).min().orElse(0);
        }

        long total() {
            return counts.stream().mapToLong(AtomicLong::get).sum();
        }

        boolean everyClientSaw(String body) {
            return seen.stream().allMatch(s -> s.contains(body));
        }

        void stop() throws InterruptedException {
            stopped = true;
            for (Thread t : clients) {
                t.join(15_000);
                if (t.isAlive()) {
                    throw new AssertionError(t.getName() + " did not stop");
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            if (!stopped) {
                stopped = true;
                clients.forEach(Thread::interrupt);
                for (Thread t : clients) {
                    t.join(15_000);
                }
            }
        }
    }
}
