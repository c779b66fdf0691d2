package dev.corral.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Serving on a Unix socket ({@code -b unix:PATH}): to curl, and to nginx in front, as Gunicorn's deploy docs show. */
class UnixSocketIT {
    @RegisterExtension
    final CorralProcesses corral = new CorralProcesses();

    @TempDir
    Path tmp;

    @Test
    void curlGetsAnAnswerAndTheSocketsModeFollowsUmask() throws Exception {
        Path sock = tmp.resolve("corral.sock");
        Corral c = corral.start("-b", "unix:" + sock, "-w", "2", "-m", "007");
        c.awaitLine("Listening at: unix:" + sock, Duration.ofSeconds(30));
        awaitCurl(sock, "/", "Hello, World!", c);
        assertEquals("rwxrwx---", mode(sock), "0777 minus umask 007");
        assertTrue(Files.readAttributes(sock, "unix:mode").get("mode") instanceof Integer m
                && (m & 0170000) == 0140000, "a socket file");
        // Keep-alive and a body over the same socket.
        assertEquals("over unix", curl(sock, "-d", "over unix", "http://localhost/echo"));
    }

    @Test
    void nginxProxiesToTheUnixSocket() throws Exception {
        assumeTrue(Nginx.installed(), "nginx is installed (apt-get install nginx; .ci/run does)");
        Path sock = tmp.resolve("corral.sock");
        Corral c = corral.start("-b", "unix:" + sock, "-w", "1", "--access-logfile", "-");
        c.awaitLine("Listening at: unix:" + sock, Duration.ofSeconds(30));
        assertEquals("rwxrwxrwx", mode(sock), "umask 0 by default: a proxy of another user can connect");
        Files.createDirectories(tmp.resolve("nginx"));
        try (Nginx nginx = Nginx.proxyingTo("http://unix:" + sock + ":", tmp.resolve("nginx"))) {
            AtomicReference<Http.Reply> last = new AtomicReference<>();
            Corral.await(() -> {
                assertTrue(nginx.alive(), "nginx runs: " + nginx.log());
                last.set(ServeIT.get(nginx.port(), "/"));
                return last.get().status() == 200;
            }, Duration.ofSeconds(30), () -> "nginx never answered 200 for GET /: " + last.get() + "\n" + nginx.log()
                    + "\n" + c.outputText());
            assertEquals("Hello, World!", last.get().body());
            Set<Long> workers = c.workerPids();
            assertTrue(workers.contains(Long.parseLong(ServeIT.get(nginx.port(), "/pid").body().trim())),
                    "the answer came from a worker of this master " + workers);
            // A proxy on the Unix socket is trusted with X-Forwarded-For, as Gunicorn trusts it: the
            // access log names the client nginx saw (it replaces what the client claimed), not "-".
            try (Http h = new Http(nginx.port())) {
                h.send("GET /?via=nginx HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 203.0.113.7\r\nConnection: close\r\n\r\n");
                assertEquals(200, h.read().status());
            }
            c.awaitLine("^127\\.0\\.0\\.1 .*\"GET /\\?via=nginx HTTP/1\\.[01]\" 200", Duration.ofSeconds(10));
        }
    }

    @Test
    void aFileThatIsNotASocketIsRefusedAndKept() throws Exception {
        Path file = Files.writeString(tmp.resolve("data.txt"), "keep me");
        Corral c = corral.start("-b", "unix:" + file, "-w", "1");
        assertEquals(1, c.awaitExit(Duration.ofSeconds(30)), c.outputText());
        assertTrue(c.outputText().contains("Cannot bind unix:" + file + ": it exists and is not a socket"),
                c.outputText());
        assertEquals("keep me", Files.readString(file));
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    /** Polls curl on the socket until {@code path} answers {@code expected}. */
    private static void awaitCurl(Path sock, String path, String expected, Corral c) {
        AtomicReference<String> last = new AtomicReference<>();
        Corral.await(() -> {
            try {
                last.set(curl(sock, "http://localhost" + path));
            } catch (IOException e) {
                last.set(e.getMessage());
            }
            return expected.equals(last.get());
        }, Duration.ofSeconds(30), () -> "curl --unix-socket " + sock + " got: " + last.get() + "\n" + c.outputText());
    }

    /** Runs curl on the Unix socket, at most 5 s; returns its output or throws with its error. */
    static String curl(Path sock, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "-m", "5", "--unix-socket", sock.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                throw new IOException("curl did not finish");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException("curl exit " + p.exitValue() + ": " + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } finally {
            p.destroyForcibly();
        }
    }
}
