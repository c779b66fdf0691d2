package dev.corral.worker.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.worker.app.Response;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every request RFC 9112 forbids is answered with its status, closed, and never seen by the app. */
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

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("GET  / HTTP/1.1\r\n" + H + "\r\n", 400),
                Arguments.of("GET\t/ HTTP/1.1\r\n" + H + "\r\n", 400),
                Arguments.of("G(T / HTTP/1.1\r\n" + H + "\r\n", 400),
                Arguments.of("GET / HTTP/1.1 \r\n" + H + "\r\n", 400),
                Arguments.of("GET /a b HTTP/1.1\r\n" + H + "\r\n", 400),
                Arguments.of("GET /a\"b HTTP/1.1\r\n" + H + "\r\n", 400),
                Arguments.of("GET /%zz HTTP/1.1\r\n" + H + "\r\n", 400),
                Arguments.of("GET foo HTTP/1.1\r\n" + H + "\r\n", 400),
                Arguments.of("GET * HTTP/1.1\r\n" + H + "\r\n", 400),
                Arguments.of("GET / HTTP/1\r\n" + H + "\r\n", 400),
                Arguments.of("GET / http/1.1\r\n" + H + "\r\n", 400),
                Arguments.of("GET / HTTP/1.10\r\n" + H + "\r\n", 400),
                Arguments.of("GET / HTTP/2.0\r\n" + H + "\r\n", 505),
                Arguments.of("GET / HTTP/3.0\r\n" + H + "\r\n", 505),
                Arguments.of("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505),
                Arguments.of("GET / HTTP/1.1\n" + H + "\r\n", 400),
                Arguments.of("GET / HTTP/1.1\r\nHost: x\n\r\n", 400),
                Arguments.of("GET / HTTP/1.1\r\nHost: x\rY: z\r\n\r\n", 400),
                Arguments.of("GET / HTTP/1.1\r\n" + H + "A\0: b\r\n\r\n", 400),
                Arguments.of("GET / HTTP/1.1\r\n" + H + "A: b\0c\r\n\r\n", 400),
                Arguments.of("GET / HTTP/1.1\r\n" + H + "A b: c\r\n\r\n", 400),
                Arguments.of("GET / HTTP/1.1\r\n" + H + "A : c\r\n\r\n", 400),
                Arguments.of("GET / HTTP/1.1\r\n" + H + "A: c\r\n d\r\n\r\n", 400),
                Arguments.of("GET / HTTP/1.1\r\n" + H + ": c\r\n\r\n", 400),
                Arguments.of("GET / HTTP/1.1\r\n" + H + "NoColon\r\n\r\n", 400),
                Arguments.of("GET / HTTP/1.1\r\n\r\n", 400),
                Arguments.of("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
                Arguments.of("GET / HTTP/1.1\r\nHost: a b\r\n\r\n", 400),
                Arguments.of("POST / HTTP/1.1\r\n" + H + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
                Arguments.of("POST / HTTP/1.1\r\n" + H + "Content-Length: +5\r\n\r\nhello", 400),
                Arguments.of("POST / HTTP/1.1\r\n" + H + "Content-Length: 5,6\r\n\r\nhello", 400),
                Arguments.of("POST / HTTP/1.1\r\n" + H + "Content-Length: 5,5\r\n\r\nhello", 400),
                Arguments.of("POST / HTTP/1.1\r\n" + H + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello", 400),
                Arguments.of("POST / HTTP/1.1\r\n" + H + "Content-Length: 0x5\r\n\r\nhello", 400),
                Arguments.of("POST / HTTP/1.1\r\n" + H + "Content-Length:\r\n\r\n", 400),
                Arguments.of("POST / HTTP/1.1\r\n" + H + "Content-Length: 99999999999999999999999\r\n\r\n", 400),
                Arguments.of("POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked, identity\r\n\r\n", 400),
                Arguments.of("POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: gzip\r\n\r\n", 400),
                Arguments.of("POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
                Arguments.of("POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: foo\r\n\r\n", 501),
                Arguments.of("POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: gzip, chunked\r\n\r\n", 501),
                Arguments.of("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
                Arguments.of(chunked("g\r\nabc\r\n0\r\n\r\n"), 400),
                Arguments.of(chunked("0x3\r\nabc\r\n0\r\n\r\n"), 400),
                Arguments.of(chunked("fffffffffffffffffff\r\nabc\r\n0\r\n\r\n"), 400),
                Arguments.of(chunked("3 x\r\nabc\r\n0\r\n\r\n"), 400),
                Arguments.of(chunked("3;\r\nabc\r\n0\r\n\r\n"), 400),
                Arguments.of(chunked("3;a=\"b\r\nabc\r\n0\r\n\r\n"), 400),
                Arguments.of(chunked("3\r\nabcX\r\n0\r\n\r\n"), 400),
                Arguments.of(chunked("3\nabc\r\n0\r\n\r\n"), 400),
                Arguments.of(chunked("\r\nabc\r\n0\r\n\r\n"), 400),
                Arguments.of("GET / HTTP/1.1\r\n" + H + "Expect: something\r\n\r\n", 417),
                Arguments.of("POST / HTTP/1.1\r\n" + H + "Content-Length: 101\r\n\r\n", 413),
                Arguments.of(chunked("40\r\n" + "a".repeat(64) + "\r\n40\r\n"), 413));
    }

    private static String chunked(String body) {
        return "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n" + body;
    }

    @ParameterizedTest
    @MethodSource("badRequests")
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

    static Stream<Arguments> goodRequests() {
        return Stream.of(
                Arguments.of("GET / HTTP/1.1\r\n" + H + "Connection: close\r\n\r\n", "ok 0"),
                Arguments.of("\r\nGET / HTTP/1.1\r\n" + H + "Connection: close\r\n\r\n", "ok 0"),
                Arguments.of("GET / HTTP/1.2\r\n" + H + "Connection: close\r\n\r\n", "ok 0"),
                Arguments.of("GET / HTTP/1.0\r\n\r\n", "ok 0"),
                Arguments.of("OPTIONS * HTTP/1.1\r\n" + H + "Connection: close\r\n\r\n", "ok 0"),
                Arguments.of("GET http://x/a?b=%20 HTTP/1.1\r\n" + H + "Connection: close\r\n\r\n", "ok 0"),
                Arguments.of("POST / HTTP/1.1\r\n" + H + "Connection: close\r\nContent-Length: 5\r\n\r\nhello", "ok 5"),
                Arguments.of("POST / HTTP/1.1\r\n" + H + "Connection: close\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "3;name=\"v\\\"x\" ; flag\r\nabc\r\nA\r\n0123456789\r\n0\r\nTrailer: t\r\n\r\n", "ok 13"));
    }

    @ParameterizedTest
    @MethodSource("goodRequests")
    void isServed(String request, String body) throws Exception {
        try (RawClient c = server.client()) {
            String response = c.send(request).readToClose();
            assertEquals(200, RawClient.status(response), response);
            assertTrue(response.endsWith("\r\n\r\n" + body), response);
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
