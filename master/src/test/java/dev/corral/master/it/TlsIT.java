package dev.corral.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS with Gunicorn's certfile and keyfile, against real curl and openssl. The CA and the
 * certificates are made here by openssl, for this test only.
 */
class TlsIT {
    @RegisterExtension
    final CorralProcesses corral = new CorralProcesses();

    @TempDir
    Path tmp;

    @BeforeEach
    void certificates() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is installed");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is installed");
        TestCertificates.authority(tmp);
        issue("server", "first");
    }

    private void issue(String name, String org) throws Exception {
        TestCertificates.issue(tmp, name, org);
    }

    @Test
    void curlGetsHttpsTheAppSeesHttpsAndTls11IsRefused() throws Exception {
        Path jar = AppIT.AppJar.build(tmp, "com.example.Scheme", """
                package com.example;
                import dev.corral.worker.app.*;
                public class Scheme implements Handler {
                    public Response handle(Request r) { return Response.text(r.scheme()); }
                }
                """);
        Corral c = corral.start("-b", "127.0.0.1:0", "-w", "1", "--app", "com.example.Scheme",
                "--app-classpath", jar.toString(), "--certfile", tmp.resolve("server.pem").toString(),
                "--keyfile", tmp.resolve("server.key").toString());
        int port = c.port();
        c.awaitLine("TLS 1.2 and 1.3 through (OpenSSL|the JDK)", Duration.ofSeconds(5));
        String url = "https://localhost:" + port + "/";
        Corral.await(() -> curl(url).equals("https"), Duration.ofSeconds(20), () -> "no https answer: " + c.outputText());
        // Corral terminates TLS itself: a forwarder's header cannot make it http.
        assertEquals("https", curl(url, "-H", "X-Forwarded-Proto: http"));
        String old = run("sh", "-c", "echo | openssl s_client -connect 127.0.0.1:" + port + " -tls1_1 2>&1 || true");
        assertTrue(old.contains("alert protocol version") || old.contains("no protocols available"), old);
        String modern = run("sh", "-c", "echo | openssl s_client -connect 127.0.0.1:" + port + " -tls1_3 2>&1 || true");
        assertTrue(modern.contains("TLSv1.3"), modern);
    }

    @Test
    void aKeyThatDoesNotMatchIsOneLineAtStart() throws Exception {
        Corral c = corral.start("-b", "127.0.0.1:0", "--certfile", tmp.resolve("server.pem").toString(),
                "--keyfile", tmp.resolve("ca.key").toString());
        assertEquals(2, c.awaitExit(Duration.ofSeconds(20)));
        assertEquals(1, c.output().size(), c.outputText());
        assertTrue(c.output().get(0).startsWith("corral: error: certfile: '"), c.outputText());
        assertEquals(0, c.countLines("Listening at"), "nothing was bound");
    }

    @Test
    void aRenewedCertificateGoesLiveOnHupAndABadOneIsRefused() throws Exception {
        Path cert = tmp.resolve("live.pem");
        Path key = tmp.resolve("live.key");
        Files.copy(tmp.resolve("server.pem"), cert);
        Files.copy(tmp.resolve("server.key"), key);
        Corral c = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "2",
                "--certfile", cert.toString(), "--keyfile", key.toString());
        int port = c.port();
        String url = "https://localhost:" + port + "/";
        Corral.await(() -> curl(url).equals("Hello, World!"), Duration.ofSeconds(20), () -> "no https answer");
        assertTrue(served(port).contains("O = first"), served(port));

        issue("renewed", "second");
        Files.copy(tmp.resolve("renewed.pem"), cert, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(tmp.resolve("renewed.key"), key, StandardCopyOption.REPLACE_EXISTING);
        boolean withWrk = Files.isExecutable(Path.of("/usr/bin/wrk"));
        Process wrk = withWrk ? new ProcessBuilder("wrk", "-t1", "-c16", "-d12s", url).redirectErrorStream(true).start()
                : null;
        if (wrk != null) {
            Corral.await(() -> !wrk.isAlive() || wrk.info().totalCpuDuration().map(d -> d.toMillis() > 300).orElse(false),
                    Duration.ofSeconds(5), () -> "wrk did not start");
        }
        c.signal("HUP");
        Corral.await(() -> c.countLines("Retiring worker \\d+ \\(reload\\)") == 2, Duration.ofSeconds(30),
                () -> "the reload did not finish");
        Corral.await(() -> served(port).contains("O = second"), Duration.ofSeconds(10), () -> "still the old certificate");
        if (wrk != null) {
            String report = new String(wrk.getInputStream().readAllBytes());
            assertTrue(wrk.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "wrk finished");
            assertTrue(report.contains("requests in") && !report.contains("Socket errors") && !report.contains("Non-2xx"),
                    "HTTPS through the certificate's renewal loses nothing: " + report);
        }

        Files.writeString(cert, "not a certificate\n");
        c.signal("HUP");
        c.awaitLine("Reload refused: certfile: ", Duration.ofSeconds(10));
        assertEquals("Hello, World!", curl(url));
        assertNotEquals(0, served(port).length());
    }

    @Test
    void aSessionResumesOnEveryWorkerAndAcrossAReload() throws Exception {
        Corral c = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "2",
                "--certfile", tmp.resolve("server.pem").toString(), "--keyfile", tmp.resolve("server.key").toString());
        int port = c.port();
        c.awaitWorkerCount(2, Duration.ofSeconds(30));
        Corral.await(() -> curl("https://localhost:" + port + "/").equals("Hello, World!"), Duration.ofSeconds(20),
                c::outputText);
        // Five reconnects land on either worker: with a ticket key per worker, all five resume
        // one time in 32.
        String reconnects = run("sh", "-c", "echo | openssl s_client -connect 127.0.0.1:" + port
                + " -servername localhost -tls1_2 -reconnect 2>&1 | grep -E '^(New|Reused),' || true");
        assertEquals(5, reconnects.lines().filter(l -> l.startsWith("Reused")).count(), reconnects);

        String session = tmp.resolve("session.pem").toString();
        // s_client's exit status says how the connection ended, not whether the session was
        // written: the file is what counts.
        Corral.await(() -> {
            try {
                run("sh", "-c", "echo | openssl s_client -connect 127.0.0.1:" + port + " -servername localhost -tls1_2"
                        + " -sess_out " + session + " > /dev/null 2>&1 || true");
                return Files.size(Path.of(session)) > 0;
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(10), () -> "no TLS session saved");
        c.signal("HUP");
        Corral.await(() -> c.countLines("Retiring worker \\d+ \\(reload\\)") == 2, Duration.ofSeconds(30),
                () -> "the reload did not finish");
        String resumed = run("sh", "-c", "echo | openssl s_client -connect 127.0.0.1:" + port
                + " -servername localhost -tls1_2 -sess_in " + session + " 2>&1 | grep -E '^(New|Reused),' || true");
        assertTrue(resumed.startsWith("Reused"), "a ticket from before the reload still resumes: " + resumed);
    }

    @Test
    void aRequiredClientCertificateIsCheckedAndReachesTheServletApp() throws Exception {
        issue("client", "a client");
        Path jar = AppIT.AppJar.build(tmp, "com.example.Who", """
                package com.example;
                import jakarta.servlet.http.*;
                import java.security.cert.X509Certificate;
                public class Who extends HttpServlet {
                    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws java.io.IOException {
                        X509Certificate[] chain = (X509Certificate[]) req.getAttribute("jakarta.servlet.request.X509Certificate");
                        resp.getWriter().print((req.isSecure() ? "secure " : "plain ")
                                + (chain == null ? "none" : chain[0].getSubjectX500Principal().getName()));
                    }
                }
                """);
        Corral c = corral.start("-b", "127.0.0.1:0", "-w", "1", "--app", "com.example.Who",
                "--app-classpath", jar.toString(), "--certfile", tmp.resolve("server.pem").toString(),
                "--keyfile", tmp.resolve("server.key").toString(), "--ca-certs", tmp.resolve("ca.pem").toString(),
                "--cert-reqs", "required");
        String url = "https://localhost:" + c.port() + "/";
        String[] withCert = {"--cert", tmp.resolve("client.pem").toString(), "--key", tmp.resolve("client.key").toString()};
        Corral.await(() -> curl(url, withCert).startsWith("secure"), Duration.ofSeconds(20), () -> c.outputText());
        assertEquals("secure O=a client,CN=localhost", curl(url, withCert));
        assertEquals("", curl(url), "without a certificate the handshake fails");
    }

    @Test
    void clientsThatNeverHandshakeAreBoundedAndTheWorkerServesOthers() throws Exception {
        Corral c = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "1",
                "--certfile", tmp.resolve("server.pem").toString(), "--keyfile", tmp.resolve("server.key").toString());
        int port = c.port();
        String url = "https://localhost:" + port + "/";
        Corral.await(() -> curl(url).equals("Hello, World!"), Duration.ofSeconds(20), () -> c.outputText());
        // 512 handshakes may be in flight per worker; connections beyond are closed at once.
        List<java.net.Socket> silent = new ArrayList<>();
        try {
            int closedAtOnce = 0;
            for (int i = 0; i < 530; i++) {
                java.net.Socket s = new java.net.Socket("127.0.0.1", port);
                s.setSoTimeout(i < 500 ? 1 : 500);
                silent.add(s);
            }
            for (java.net.Socket s : silent.subList(500, silent.size())) {
                try {
                    if (s.getInputStream().read() == -1) {
                        closedAtOnce++;
                    }
                } catch (java.net.SocketTimeoutException stillOpen) {
                    // Within the limit: it may take its 10 s to handshake.
                }
            }
            assertTrue(closedAtOnce >= 10, closedAtOnce + " of the last 30 silent connections were closed at once");
            // Their 10 s handshake deadline passes; the worker itself was never held.
            assertEquals("Hello, World!", waitForCurl(url), "a real client is served again");
        } finally {
            for (java.net.Socket s : silent) {
                s.close();
            }
        }
    }

    private String waitForCurl(String url) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String out = "";
        while (System.nanoTime() < deadline && !(out = curl(url)).equals("Hello, World!")) {
            Thread.onSpinWait();
        }
        return out;
    }

    // The subject of the certificate a new connection is served.
    private String served(int port) {
        try {
            return run("sh", "-c", "echo | openssl s_client -connect 127.0.0.1:" + port
                    + " -servername localhost 2>/dev/null | openssl x509 -noout -subject");
        } catch (Exception e) {
            return "";
        }
    }

    private String curl(String url, String... more) {
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "-m", "5", "--cacert", tmp.resolve("ca.pem").toString()));
        cmd.addAll(List.of(more));
        cmd.add(url);
        try {
            return run(cmd.toArray(String[]::new)).trim();
        } catch (Exception e) {
            return "";
        }
    }

    private String run(String... command) throws Exception {
        return Commands.run(tmp, command);
    }
}
