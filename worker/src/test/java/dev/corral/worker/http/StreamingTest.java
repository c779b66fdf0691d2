package dev.corral.worker.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.worker.app.Response;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Response.stream: commits when the buffer fills or the writer flushes (chunked on HTTP/1.1,
 * close-delimited on 1.0), whole with Content-Length when it ends before; backpressure, early failure.
 */
class StreamingTest {
    private static final int BIG = 4_000_000;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of("keepalive", "5"), request -> switch (request.path()) {
            case "/stream" -> Response.stream(200, "text/plain", out -> {
                out.write("one,".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                out.write("two".getBytes(StandardCharsets.US_ASCII));
            });
            case "/big" -> Response.stream(200, "application/octet-stream", out -> {
                byte[] block = new byte[1000];
                for (int i = 0; i < BIG / block.length; i++) {
                    out.write(block);
                }
            });
            case "/short" -> Response.stream(200, "text/plain", out -> out.write("short".getBytes(StandardCharsets.US_ASCII)));
            case "/fail" -> Response.stream(200, "text/plain", out -> {
                throw new IllegalStateException("before any byte");
            });
            default -> Response.text("plain");
        });
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void http11GetsChunksAndTheConnectionStaysUsable() throws Exception {
        try (RawClient c = server.client()) {
            String response = c.send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .readToClose();
            String lower = response.toLowerCase();
            assertTrue(lower.contains("transfer-encoding: chunked") && !lower.contains("content-length: 0"), response);
            assertTrue(response.contains("\r\n\r\n4\r\none,\r\n3\r\ntwo\r\n0\r\n\r\nHTTP/1.1 200 OK"), response);
            assertTrue(response.endsWith("plain"), response);
        }
    }

    @Test
    void aBodyThatEndsWithinTheBufferGoesOutWholeWithItsLength() throws Exception {
        try (RawClient c = server.client()) {
            String response = c.send("GET /short HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
            String lower = response.toLowerCase();
            assertTrue(lower.contains("content-length: 5\r\n") && !lower.contains("transfer-encoding"), response);
            assertTrue(response.endsWith("\r\n\r\nshort"), response);
        }
    }

    @Test
    void http10GetsABodyEndedByClose() throws Exception {
        try (RawClient c = server.client()) {
            String response = c.send("GET /stream HTTP/1.0\r\n\r\n").readToClose();
            assertFalse(response.toLowerCase().contains("transfer-encoding"), response);
            assertTrue(response.endsWith("\r\n\r\none,two"), response);
        }
    }

    @Test
    void headGetsTheHeadOnly() throws Exception {
        try (RawClient c = server.client()) {
            String response = c.send("HEAD /stream HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").readToClose();
            assertTrue(response.endsWith("\r\n\r\n") && !response.contains("two"), response);
        }
    }

    @Test
    void aWriterFailingBeforeOutputGives500() throws Exception {
        try (RawClient c = server.client()) {
            String response = c.send("GET /fail HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
            assertEquals(500, RawClient.status(response), response);
        }
    }

    @Test
    void aLargeBodyArrivesWholeThroughBackpressure() throws Exception {
        try (RawClient c = server.client()) {
            String response = c.send("GET /big HTTP/1.0\r\n\r\n").readToClose();
            int bodyStart = response.indexOf("\r\n\r\n") + 4;
            assertEquals(BIG, response.length() - bodyStart);
        }
    }

}
