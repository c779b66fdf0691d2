package dev.corral.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 with Gunicorn's http_protocols and http2_cleartext, against real clients from Debian's
 * curl and nghttp2-client (nghttp, h2load), and a raw-frame client for the attacks.
 */
class Http2IT {
    private static final Path H2LOAD = Path.of("/usr/bin/h2load");
    private static final Path NGHTTP = Path.of("/usr/bin/nghttp");

    @RegisterExtension
    final CorralProcesses corral = new CorralProcesses();

    @TempDir
    Path tmp;

    @BeforeEach
    void tools() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is installed");
    }

    @Test
    void tlsNegotiatesH2ThroughAlpnAndStillServesHttp11() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is installed");
        TestCertificates.authority(tmp);
        TestCertificates.issue(tmp, "server", "h2");
        Corral c = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "1",
                "--certfile", tmp.resolve("server.pem").toString(), "--keyfile", tmp.resolve("server.key").toString(),
                "--http-protocols", "h2,h1", "--access-logfile", "-");
        String url = "https://localhost:" + c.port() + "/";
        Corral.await(() -> curl("--http2", url).equals("Hello, World! 2"), Duration.ofSeconds(20), c::outputText);
        assertEquals("Hello, World! 1.1", curl("--http1.1", url), "a client without h2 gets HTTP/1.1");
        c.awaitLine("\"GET / HTTP/2.0\" 200 13", Duration.ofSeconds(5));
        if (Files.isExecutable(NGHTTP)) {
            String v = Commands.run(tmp, "nghttp", "-v", url);
            assertTrue(v.contains("The negotiated protocol: h2"), v);
        }
        if (Files.isExecutable(H2LOAD)) {
            assertH2loadClean(Commands.run(tmp, "h2load", "-n", "100000", "-c", "32", "-m", "10", url));
        }
    }

    @Test
    void cleartextH2WithPriorKnowledgeServesHandlersAndServletsWithTheirLimits() throws Exception {
        Path jar = AppIT.AppJar.build(tmp, "com.example.Echo", """
                package com.example;
                import jakarta.servlet.http.*;
                public class Echo extends HttpServlet {
                    protected void service(HttpServletRequest req, HttpServletResponse resp) throws java.io.IOException {
                        byte[] body = req.getInputStream().readAllBytes();
                        resp.setContentType("text/plain");
                        var out = resp.getWriter();
                        out.print(req.getProtocol() + " " + req.getMethod() + " " + req.getServerName() + " "
                                + body.length);
                        out.flush();
                        resp.flushBuffer();
                        out.print(" streamed");
                    }
                }
                """);
        Corral c = corral.start("-b", "127.0.0.1:0", "-w", "1", "--threads", "4", "--app", "com.example.Echo",
                "--app-classpath", jar.toString(), "--http-protocols", "h2,h1", "--http2-cleartext", "prior-knowledge",
                "--limit-request-line", "200", "--limit-request-body", "100000");
        String url = "http://127.0.0.1:" + c.port() + "/";
        Corral.await(() -> curl("--http2-prior-knowledge", url).startsWith("HTTP/2.0"), Duration.ofSeconds(20),
                c::outputText);
        assertEquals("HTTP/2.0 GET 127.0.0.1 0 streamed 2", curl("--http2-prior-knowledge", url));
        Path body = Files.write(tmp.resolve("body"), new byte[70_000]);
        assertEquals("HTTP/2.0 POST 127.0.0.1 70000 streamed 2",
                curl("--http2-prior-knowledge", "--data-binary", "@" + body, url));
        assertEquals("HTTP/1.1 GET 127.0.0.1 0 streamed 1.1", curl(url), "HTTP/1.1 on the same port");
        // The HTTP/1.1 limits hold per stream: an answer on that stream, the connection goes on.
        assertEquals("414", status("--http2-prior-knowledge", url + "x".repeat(300)));
        Files.write(body, new byte[100_001]);
        if (Files.isExecutable(NGHTTP)) {
            // nghttp, not curl: Debian's curl 7.88 reads a RST_STREAM that follows a complete answer
            // to an upload it was still sending as a failure now and then (against nginx too).
            String refused = Commands.run(tmp, "nghttp", "-v", "-d", body.toString(), url, url + "?again");
            assertEquals(2, count(refused, ":status: 413"), refused);
            assertEquals(2, count(refused, "(error_code=NO_ERROR(0x00))"),
                    "RST_STREAM NO_ERROR, twice on one connection: " + refused);
        }
        if (Files.isExecutable(H2LOAD)) {
            assertH2loadClean(Commands.run(tmp, "h2load", "-n", "100000", "-c", "32", "-m", "10", url));
        }
    }

    @Test
    void rapidResetAndContinuationFloodsEndTheirConnectionAndTheWorkerServesOthers() throws Exception {
        Corral c = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "1",
                "--http-protocols", "h2,h1", "--http2-cleartext", "prior-knowledge");
        int port = c.port();
        String url = "http://127.0.0.1:" + port + "/";
        Corral.await(() -> curl("--http2-prior-knowledge", url).equals("Hello, World! 2"), Duration.ofSeconds(20),
                c::outputText);

        // CVE-2023-44487: HEADERS then RST_STREAM, as fast as the socket takes them.
        try (H2Client rapid = new H2Client(port)) {
            byte[] get = H2Client.getBlock();
            int sent = 0;
            try {
                for (int stream = 1; stream < 20_000 && !rapid.goAway().isDone(); stream += 2) {
                    rapid.frame(H2Client.HEADERS, H2Client.END_STREAM | H2Client.END_HEADERS, stream, get);
                    rapid.reset(stream, H2Client.CANCEL);
                    sent++;
                }
                rapid.flush();
            } catch (java.io.IOException closedOnUs) {
                // The server closed the connection mid-flood: what we are testing.
            }
            assertEquals(H2Client.ENHANCE_YOUR_CALM, rapid.goAway().get(20, TimeUnit.SECONDS),
                    "GOAWAY ENHANCE_YOUR_CALM after " + sent + " resets");
        }
        assertEquals("Hello, World! 2", curl("--http2-prior-knowledge", url));

        // CVE-2024-27316: a header block that never ends, in CONTINUATION frames.
        try (H2Client flood = new H2Client(port)) {
            byte[] filler = new byte[1024];
            java.util.Arrays.fill(filler, (byte) 0x40); // literal with indexing, new name: bytes to decode
            long bytes = 0;
            try {
                flood.frame(H2Client.HEADERS, 0, 1, H2Client.getBlock());
                while (!flood.goAway().isDone() && bytes < 64L << 20) {
                    flood.frame(H2Client.CONTINUATION, 0, 1, filler);
                    bytes += filler.length;
                }
                flood.flush();
            } catch (java.io.IOException closedOnUs) {
                // As above.
            }
            int code = flood.goAway().get(20, TimeUnit.SECONDS);
            assertTrue(code > 0, "GOAWAY with an error after " + bytes + " bytes of CONTINUATION, got " + code);
            assertTrue(bytes < 8L << 20, "the flood was cut off early: " + bytes + " bytes");
        }
        assertEquals("Hello, World! 2", curl("--http2-prior-knowledge", url));
        assertEquals(1, c.workerPids().size(), "the same worker serves on");
    }

    @Test
    void keepaliveClosesAConnectionWithoutOpenStreamsNotOneWithAStreamUnderWay() throws Exception {
        Corral c = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "1", "--threads", "2",
                "--http-protocols", "h2,h1", "--http2-cleartext", "prior-knowledge", "--keep-alive", "1");
        int port = c.port();
        Corral.await(() -> curl("--http2-prior-knowledge", "http://127.0.0.1:" + port + "/").equals("Hello, World! 2"),
                Duration.ofSeconds(20), c::outputText);
        try (H2Client slow = new H2Client(port); H2Client quick = new H2Client(port)) {
            slow.frame(H2Client.HEADERS, H2Client.END_STREAM | H2Client.END_HEADERS, 1, H2Client.getBlock("/sleep?ms=2500"));
            slow.flush();
            quick.frame(H2Client.HEADERS, H2Client.END_STREAM | H2Client.END_HEADERS, 1, H2Client.getBlock());
            quick.flush();
            // Answered, then closed (GOAWAY NO_ERROR) once it has had no stream for a second.
            assertEquals(0, quick.goAway().get(10, TimeUnit.SECONDS));
            assertEquals(1, quick.responses());
            // A stream longer than keepalive is no idle connection: its answer comes before any GOAWAY.
            Corral.await(() -> slow.responses() == 1 || slow.goAway().isDone(), Duration.ofSeconds(10),
                    () -> "the slow stream was never answered");
            assertFalse(slow.goAway().isDone(), "GOAWAY while a stream was under way");
            assertEquals(0, slow.goAway().get(10, TimeUnit.SECONDS), "closed once idle after its answer");
        }
    }

    @Test
    void aStopSendsGoAwayAndTheOpenStreamFinishes() throws Exception {
        assumeTrue(Files.isExecutable(NGHTTP), "nghttp is installed");
        Corral c = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "1",
                "--http-protocols", "h2,h1", "--http2-cleartext", "prior-knowledge");
        String url = "http://127.0.0.1:" + c.port() + "/";
        Corral.await(() -> curl("--http2-prior-knowledge", url).equals("Hello, World! 2"), Duration.ofSeconds(20),
                c::outputText);
        Process slow = new ProcessBuilder("nghttp", "-v", url + "sleep?ms=1500").redirectErrorStream(true).start();
        try {
            Corral.await(() -> busy(c), Duration.ofSeconds(10), () -> "the sleep never began");
            c.signal("TERM");
            String out = new String(slow.getInputStream().readAllBytes());
            assertTrue(slow.waitFor(20, TimeUnit.SECONDS));
            assertTrue(out.contains("recv GOAWAY frame"), out);
            assertTrue(out.contains(":status: 200"), out);
            assertEquals(0, c.awaitExit(Duration.ofSeconds(30)));
        } finally {
            slow.destroyForcibly();
        }
    }

    // Whether the worker is in a call: the demo app's /sleep holds its one handler thread.
    private boolean busy(Corral c) {
        return !status("-m", "0.3", "--http2-prior-knowledge",
                "http://127.0.0.1:" + c.port() + "/").equals("200");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    private static void assertH2loadClean(String out) {
        assertTrue(out.contains("100000 succeeded, 0 failed, 0 errored, 0 timeout"), out);
        assertTrue(out.contains("status codes: 100000 2xx"), out);
    }

    // The body, a space and the HTTP version curl used.
    private String curl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "-m", "10", "-w", " %{http_version}"));
        if (Files.exists(tmp.resolve("ca.pem"))) {
            cmd.addAll(List.of("--cacert", tmp.resolve("ca.pem").toString()));
        }
        cmd.addAll(List.of(args));
        try {
            return Commands.run(tmp, cmd.toArray(String[]::new)).trim();
        } catch (Exception e) {
            return "";
        }
    }

    // The status the server answered, whatever curl's exit status.
    private String status(String... args) {
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor(30, TimeUnit.SECONDS) ? out : "";
        } catch (Exception e) {
            return "";
        }
    }
}
