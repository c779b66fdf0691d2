package dev.corral.worker.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.worker.app.Response;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** limit_request_* answer 414/431/413; header_timeout 408; body_timeout and worker_connections. */
class LimitsAndTimeoutsTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of("limit_request_line", "40", "limit_request_fields", "3",
                "limit_request_field_size", "30", "limit_request_body", "10", "header_timeout", "1",
                "body_timeout", "1", "worker_connections", "4"), request -> Response.text("ok"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static int statusOf(String request) throws IOException {
        try (RawClient c = server.client()) {
            return RawClient.status(c.send(request).readToClose());
        }
    }

    @Test
    void requestLineLimit() throws Exception {
        String path = "/" + "a".repeat(40 - "GET  HTTP/1.1".length() - 1);
        assertEquals(200, statusOf("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        assertEquals(414, statusOf("GET " + path + "a HTTP/1.1\r\nHost: x\r\n\r\n"));
        // Refused as soon as the line is too long, without waiting for its end.
        assertEquals(414, statusOf("GET /" + "a".repeat(100)));
    }

    @Test
    void fieldCountAndSizeLimits() throws Exception {
        assertEquals(200, statusOf("GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\nConnection: close\r\n\r\n"));
        assertEquals(431, statusOf("GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n"));
        // A field line counts with its CRLF, as Gunicorn counts it: "A: " + 25 + CRLF is 30 bytes.
        assertEquals(200, statusOf("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nA: " + "v".repeat(25) + "\r\n\r\n"));
        assertEquals(431, statusOf("GET / HTTP/1.1\r\nHost: x\r\nA: " + "v".repeat(26) + "\r\n\r\n"));
    }

    @Test
    void bodyLimitFromContentLengthAndFromChunks() throws Exception {
        assertEquals(200, statusOf("POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 10\r\n\r\n0123456789"));
        assertEquals(413, statusOf("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n"));
        assertEquals(413, statusOf("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n01234\r\n6\r\n"));
    }

    @Test
    void slowHeadGets408() throws Exception {
        try (RawClient c = server.client()) {
            long start = System.nanoTime();
            c.send("GET / HTTP/1.1\r\nHo");
            String response = c.readToClose();
            assertEquals(408, RawClient.status(response), response);
            assertTrue(System.nanoTime() - start < 4_000_000_000L);
        }
    }

    @Test
    void slowlorisIsCutOffEvenWhileBytesTrickleIn() throws Exception {
        try (RawClient c = server.client()) {
            long start = System.nanoTime();
            String head = "GET / HTTP/1.1\r\nHost: x\r\nX-Long: abcdefghijklmno\r\n";
            try {
                for (char ch : head.toCharArray()) {
                    c.send(String.valueOf(ch));
                    Thread.sleep(100); // the client's pace under test, not synchronisation
                }
            } catch (IOException closed) {
                // the server hung up mid-head, as it should
            }
            String response = c.readToClose();
            assertTrue(response.isEmpty() || RawClient.status(response) == 408, response);
            assertTrue(System.nanoTime() - start < 3_500_000_000L, "cut off within header_timeout");
        }
    }

    @Test
    void stalledBodyIsClosed() throws Exception {
        try (RawClient c = server.client()) {
            c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nab");
            assertEquals("", c.readToClose());
        }
    }

    @Test
    void aBodyTimeoutShorterThanTheHeaderTimeoutIsKept() throws Exception {
        // The head's 10 s timer is pending when the body's 1 s deadline is armed: the earlier one wins.
        try (TestServer quick = TestServer.start(Map.of("header_timeout", "10", "body_timeout", "1"),
                request -> Response.text("ok")); RawClient c = quick.client()) {
            long start = System.nanoTime();
            c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nab");
            assertEquals("", c.readToClose());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 4000, "closed after " + millis + " ms, not about body_timeout");
        }
    }

    @Test
    void connectionsBeyondWorkerConnectionsGet503() throws Exception {
        RawClient[] held = new RawClient[4];
        try {
            for (int i = 0; i < held.length; i++) {
                held[i] = server.client();
                held[i].send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
            }
            try (RawClient extra = server.client()) {
                String response = extra.readToClose();
                assertEquals(503, RawClient.status(response), response);
                assertTrue(response.toLowerCase().contains("connection: close"));
            }
        } finally {
            for (RawClient c : held) {
                if (c != null) {
                    c.close();
                }
            }
        }
    }
}
