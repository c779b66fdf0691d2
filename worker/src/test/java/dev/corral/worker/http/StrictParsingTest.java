package dev.corral.worker.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.worker.app.Response;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every request RFC 9112 forbids is answered with its status, closed, and never seen by an
 * application that answers 200 to every path (so no 404 can stand in for a rejection).
 */
class StrictParsingTest {
    private static final String H = "Host: x\r\n";
    private static final AtomicInteger SEEN = new AtomicInteger();
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of("limit_request_body", "100"), request -> {
            SEEN.incrementAndGet();
            return Response.text("ok " + request.body().length);
        });
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @ParameterizedTest
    @MethodSource("dev.corral.worker.http.parse.RequestCases#bad")
    void isRejectedAndClosed(String request, int status) throws Exception {
        int seenBefore = SEEN.get();
        try (RawClient c = server.client()) {
            String response = c.send(request).readToClose();
            assertEquals(status, RawClient.status(response), request + " -> " + response);
            assertTrue(response.toLowerCase().contains("connection: close"), response);
        }
        assertEquals(seenBefore, SEEN.get(), "the application saw a rejected request");
        assertServing();
    }

    @ParameterizedTest
    @MethodSource("dev.corral.worker.http.parse.RequestCases#good")
    void isServed(String request, int bodyLength) throws Exception {
        try (RawClient c = server.client()) {
            String response = c.send(request).readToClose();
            assertEquals(200, RawClient.status(response), response);
            assertTrue(response.endsWith("\r\n\r\n" + "ok " + bodyLength), response);
        }
    }

    @Test
    void pipelinedRequestsBeforeABadOneAreAnsweredInOrder() throws Exception {
        try (RawClient c = server.client()) {
            String response = c.send("POST / HTTP/1.1\r\n" + H + "Content-Length: 1\r\n\r\na"
                    + "POST / HTTP/1.1\r\n" + H + "Content-Length: 2\r\n\r\nab"
                    + "GET  / HTTP/1.1\r\n" + H + "\r\n").readToClose();
            int first = response.indexOf("ok 1");
            int second = response.indexOf("ok 2");
            assertTrue(first > 0 && second > first && response.indexOf("400 Bad Request") > second, response);
        }
    }

    static void assertServing() throws Exception {
        try (RawClient c = server.client()) {
            String response = c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
            assertEquals(200, RawClient.status(response), response);
        }
    }
}
