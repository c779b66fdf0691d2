package dev.corral.worker.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.corral.worker.app.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The access log as the server writes it, forwarded client and refused requests included. */
class AccessLogServingTest {
    @Test
    void eachAnsweredRequestIsOneLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("access.log");
        try (TestServer server = TestServer.start(Map.of("accesslog", file.toString(),
                "access_log_format", "%(h)s \"%(r)s\" %(s)s %(b)s %({x-id}i)s %({content-type}o)s"),
                request -> Response.text("hello"));
             RawClient c = server.client()) {
            c.send("GET /a?b=1 HTTP/1.1\r\nHost: x\r\nX-Id: 42\r\nX-Forwarded-For: 192.0.2.1\r\n\r\n").readResponse();
            c.send("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
            awaitContent(file, "192.0.2.1 \"GET /a?b=1 HTTP/1.1\" 200 5 42 text/plain; charset=utf-8\n"
                    + "127.0.0.1 \"HEAD / HTTP/1.1\" 200 0 - text/plain; charset=utf-8\n");
        }
    }

    @Test
    void refusedRequestsAreLoggedWithWhatWasUnderstoodOfThem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("access.log");
        try (TestServer server = TestServer.start(Map.of("accesslog", file.toString(), "header_timeout", "1",
                "access_log_format", "%(h)s \"%(r)s\" %(m)s %(U)s %(H)s %(s)s %(b)s %({x-id}i)s"),
                request -> Response.text("hello"))) {
            // Header fields of a refused request are not trusted, so not logged.
            try (RawClient c = server.client()) {
                c.send("GET /x HTTP/1.1\r\nHost: x\r\nX-Id: 42\r\nBad Name: y\r\n\r\n").readToClose();
            }
            try (RawClient c = server.client()) {
                c.send("GET /x HTTP/1.1 extra\r\n\r\n").readToClose();
            }
            // A connection that never sent a byte is not a request: its 408 is not logged.
            try (RawClient c = server.client()) {
                c.readToClose();
            }
            try (RawClient c = server.client()) {
                c.send("GET /slow HTTP/1.1\r\nHost: x\r\n").readToClose();
            }
            awaitContent(file, "127.0.0.1 \"GET /x HTTP/1.1\" GET /x HTTP/1.1 400 12 -\n"
                    + "127.0.0.1 \"-\" - - - 400 12 -\n"
                    + "127.0.0.1 \"GET /slow HTTP/1.1\" GET /slow HTTP/1.1 408 16 -\n");
        }
    }

    private static void awaitContent(Path file, String expected) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        String content = "";
        while (!content.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(10);
            content = Files.exists(file) ? Files.readString(file) : "";
        }
        assertEquals(expected, content);
    }
}
