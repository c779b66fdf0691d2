package dev.corral.worker.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.worker.app.Response;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HEAD, Expect, HTTP/1.0 keep-alive, pipelining, Date/Server and response header checks. */
class ProtocolTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of("limit_request_body", "10", "keepalive", "5"), request -> switch (request.path()) {
            case "/inject" -> Response.text("x").withHeader("X-A", "a\r\nSet-Cookie: evil=1");
            case "/badname" -> Response.text("x").withHeader("X A", "a");
            case "/framing" -> Response.text("x").withHeader("Transfer-Encoding", "chunked");
            case "/nocontent" -> Response.text(204, "oops");
            case "/notmodified" -> Response.status(304);
            case "/interim" -> Response.status(103);
            case "/closing" -> Response.text("bye").withHeader("Connection", "close");
            case "/who" -> Response.text(request.remoteAddress().getAddress().getHostAddress() + " " + request.scheme());
            case "/slow" -> {
                sleepQuietly(300);
                yield Response.text("slow");
            }
            default -> Response.text("hello " + request.bodyAsString());
        });
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void headHasGetsHeadersAndNoBody() throws Exception {
        try (RawClient c = server.client()) {
            String response = c.send("HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").readToClose().toLowerCase();
            assertTrue(response.contains("content-length: 6\r\n"), response);
            assertTrue(response.endsWith("\r\n\r\n"), response);
        }
    }

    @Test
    void bodilessStatusesKeepTheConnectionsFraming() throws Exception {
        try (RawClient c = server.client()) {
            // 204 and 304 carry no body and no Content-Length (RFC 9110 §6.4.1, §8.6), whatever the
            // application gave: a body here would be read as the start of the next answer.
            String response = c.send("GET /nocontent HTTP/1.1\r\nHost: x\r\n\r\nGET /notmodified HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").readToClose();
            assertFalse(response.toLowerCase().contains("content-length: 4") || response.contains("oops"), response);
            int noContent = response.indexOf("HTTP/1.1 204 No Content\r\n");
            int notModified = response.indexOf("\r\n\r\nHTTP/1.1 304 Not Modified\r\n");
            int last = response.indexOf("\r\n\r\nHTTP/1.1 200 OK\r\n");
            assertTrue(noContent == 0 && notModified > 0 && last > notModified, response);
            assertEquals(1, response.toLowerCase().split("content-length", -1).length - 1, response);
            assertTrue(response.endsWith("hello "), response);
        }
    }

    @Test
    void aFinal1xxBecomesA500AndTheConnectionGoesOn() throws Exception {
        try (RawClient c = server.client()) {
            assertEquals(500, RawClient.status(c.send("GET /interim HTTP/1.1\r\nHost: x\r\n\r\n").readResponse()));
            assertEquals(200, RawClient.status(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").readResponse()));
        }
    }

    @Test
    void anApplicationsConnectionCloseIsHonouredOnce() throws Exception {
        try (RawClient c = server.client()) {
            String response = c.send("GET /closing HTTP/1.1\r\nHost: x\r\n\r\n").readToClose();
            assertEquals(1, response.toLowerCase().split("connection:", -1).length - 1, response);
            assertTrue(response.contains("Connection: close\r\n") && response.endsWith("bye"), response);
        }
    }

    @Test
    void expectContinueGets100ThenTheAnswer() throws Exception {
        try (RawClient c = server.client()) {
            c.send("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
            assertEquals(100, RawClient.status(c.readResponse()));
            String response = c.send("ab").readResponse();
            assertTrue(response.endsWith("hello ab"), response);
        }
    }

    @Test
    void a100ContinueWaitsForTheAnswersToEarlierPipelinedRequests() throws Exception {
        try (RawClient c = server.client()) {
            c.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
            String first = c.readResponse();
            assertTrue(first.endsWith("slow"), "the earlier request's answer must come first, got: " + first);
            assertEquals(100, RawClient.status(c.readResponse()));
            String response = c.send("ab").readResponse();
            assertTrue(response.endsWith("hello ab"), response);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void expectContinueOverTheLimitGets413Not100() throws Exception {
        try (RawClient c = server.client()) {
            String response = c.send("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 11\r\n\r\n")
                    .readToClose();
            assertEquals(413, RawClient.status(response), response);
        }
    }

    @Test
    void http10KeepAliveIsHonouredAndEchoed() throws Exception {
        try (RawClient c = server.client()) {
            String first = c.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").readResponse().toLowerCase();
            assertTrue(first.contains("connection: keep-alive"), first);
            String second = c.send("GET / HTTP/1.0\r\n\r\n").readToClose().toLowerCase();
            assertTrue(second.contains("connection: close") && second.endsWith("hello "), second);
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            requests.append("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n").append(String.format("%02d", i));
        }
        try (RawClient c = server.client()) {
            c.send(requests.toString());
            for (int i = 0; i < 20; i++) {
                String response = c.readResponse();
                assertTrue(response.endsWith("hello " + String.format("%02d", i)), response);
            }
        }
    }

    @Test
    void dateAndServerHeadersAreSent() throws Exception {
        try (RawClient c = server.client()) {
            String response = c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").readResponse().toLowerCase();
            assertTrue(response.contains("\r\ndate: ") && response.contains("\r\nserver: corral"), response);
        }
    }

    @Test
    void serverHeaderCanBeSwitchedOff() throws Exception {
        try (TestServer quiet = TestServer.start(Map.of("server_header", "false"), r -> Response.text("x"));
             RawClient c = quiet.client()) {
            String response = c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").readResponse().toLowerCase();
            assertFalse(response.contains("server:"), response);
        }
    }

    @Test
    void responseHeadersWithLineBreaksOrBadNamesBecome500() throws Exception {
        for (String path : new String[] {"/inject", "/badname"}) {
            try (RawClient c = server.client()) {
                String response = c.send("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
                assertEquals(500, RawClient.status(response), response);
                assertFalse(response.contains("evil"), response);
            }
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterKeepalive() throws Exception {
        try (TestServer shortLived = TestServer.start(Map.of("keepalive", "1"), r -> Response.text("x"));
             RawClient c = shortLived.client()) {
            long start = System.nanoTime();
            String response = c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
            assertTrue(response.toLowerCase().contains("connection: keep-alive"), response);
            assertEquals("", c.readToClose());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 900 && millis < 3000, "closed after " + millis + " ms");
        }
    }

    @Test
    void theKeepaliveWaitStartsAtTheLastAnswerNotAtConnect() throws Exception {
        try (TestServer shortLived = TestServer.start(Map.of("keepalive", "1"), r -> Response.text("x"));
             RawClient c = shortLived.client()) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").readResponse(); // connected and answered
            Thread.sleep(700); // the client's pace under test
            c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
            long answered = System.nanoTime();
            assertEquals("", c.readToClose());
            long millis = (System.nanoTime() - answered) / 1_000_000;
            assertTrue(millis >= 900 && millis < 3000, "closed " + millis + " ms after the last answer");
        }
    }

    @Test
    void keepaliveBoundsTheWaitBetweenRequestsNotAPauseWithinOne() throws Exception {
        try (TestServer shortLived = TestServer.start(Map.of("keepalive", "1", "header_timeout", "5",
                "body_timeout", "5"), r -> Response.text("got " + r.body().length));
             RawClient c = shortLived.client()) {
            // The client's pace under test: each pause is longer than keepalive.
            c.send("POST / HTTP/1.1\r\nHost: x\r\n");
            Thread.sleep(1500);
            c.send("Content-Length: 4\r\n\r\nab");
            Thread.sleep(1500);
            String response = c.send("cd").readResponse();
            assertTrue(response.startsWith("HTTP/1.1 200") && response.endsWith("got 4"), response);
        }
    }

    @Test
    void keepaliveZeroClosesAfterEveryResponse() throws Exception {
        try (TestServer noKeepAlive = TestServer.start(Map.of("keepalive", "0"), r -> Response.text("x"));
             RawClient c = noKeepAlive.client()) {
            String response = c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").readToClose();
            assertTrue(response.toLowerCase().contains("connection: close") && response.endsWith("x"), response);
        }
    }

    @Test
    void aClientThatAskedToCloseIsClosedAtOnceNotLingeredOn() throws Exception {
        try (TestServer fresh = TestServer.start(Map.of(), r -> Response.text("x"));
             RawClient c = fresh.client()) {
            String response = c.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").readToClose();
            assertTrue(response.endsWith("x"), response);
            // The client keeps its end open: a lingering server would hold the connection for 2 s.
            long deadline = System.nanoTime() + 1_000_000_000L;
            while (fresh.server.stats().openConnections() > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(0, fresh.server.stats().openConnections());
        }
    }

    @Test
    void theApplicationCannotChangeTheFraming() throws Exception {
        try (RawClient c = server.client()) {
            String response = c.send("GET /framing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").readToClose();
            assertFalse(response.toLowerCase().contains("transfer-encoding"), response);
            assertTrue(response.endsWith("\r\n\r\nx"), response);
        }
    }

    @Test
    void forwardedHeadersAreTrustedFromLoopbackByDefault() throws Exception {
        try (RawClient c = server.client()) {
            String response = c.send("GET /who HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 10.1.2.3, 10.0.0.1\r\n"
                    + "X-Forwarded-Proto: https\r\n\r\n").readResponse();
            assertTrue(response.endsWith("10.1.2.3 https"), response);
        }
        try (TestServer strict = TestServer.start(Map.of("forwarded_allow_ips", "10.9.9.9"),
                r -> Response.text(r.remoteAddress().getAddress().getHostAddress() + " " + r.scheme()));
             RawClient c = strict.client()) {
            String response = c.send("GET / HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 10.1.2.3\r\n"
                    + "X-Forwarded-Proto: https\r\n\r\n").readResponse();
            assertTrue(response.endsWith("127.0.0.1 http"), response);
        }
    }
}
