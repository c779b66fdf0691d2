package dev.corral.worker.http.parse;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The strict-parsing table, shared by the raw-socket tests and the split-offset decoder tests:
 * what a server configured with {@code limit_request_body = 100} and otherwise Gunicorn's
 * limits must refuse, and what it must serve.
 */
public final class RequestCases {
    private static final String H = "Host: x\r\n";

    private RequestCases() {
    }

    /** Requests to refuse, each with the status of the answer. */
    public static Stream<Arguments> bad() {
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
                Arguments.of(chunked("40\r\n" + "a".repeat(64) + "\r\n40\r\n"), 413),
                // Framing and routing fields cannot be trailers (RFC 9110 §6.5.1): smuggling vectors.
                Arguments.of(chunked("3\r\nabc\r\n0\r\nContent-Length: 5\r\n\r\n"), 400),
                Arguments.of(chunked("3\r\nabc\r\n0\r\nHost: other\r\n\r\n"), 400),
                Arguments.of(chunked("3\r\nabc\r\n0\r\ntransfer-encoding: chunked\r\n\r\n"), 400),
                // limit_request_field_size (8190) counts the line with its CRLF, as Gunicorn does: 8,189 + CRLF is over.
                Arguments.of("GET / HTTP/1.1\r\n" + H + fieldLine(8191) + "\r\n", 431));
    }

    /** Requests to serve, each with the length of its de-chunked body. */
    public static Stream<Arguments> good() {
        return Stream.of(
                Arguments.of("GET / HTTP/1.1\r\n" + H + "Connection: close\r\n\r\n", 0),
                Arguments.of("\r\nGET / HTTP/1.1\r\n" + H + "Connection: close\r\n\r\n", 0),
                Arguments.of("GET / HTTP/1.2\r\n" + H + "Connection: close\r\n\r\n", 0),
                Arguments.of("GET / HTTP/1.0\r\n\r\n", 0),
                Arguments.of("OPTIONS * HTTP/1.1\r\n" + H + "Connection: close\r\n\r\n", 0),
                Arguments.of("GET http://x/a?b=%20 HTTP/1.1\r\n" + H + "Connection: close\r\n\r\n", 0),
                Arguments.of("POST / HTTP/1.1\r\n" + H + "Connection: close\r\nContent-Length: 5\r\n\r\nhello", 5),
                Arguments.of("POST / HTTP/1.1\r\n" + H + "Connection: close\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "3;name=\"v\\\"x\" ; flag\r\nabc\r\nA\r\n0123456789\r\n0\r\nTrailer: t\r\n\r\n", 13),
                Arguments.of("GET / HTTP/1.1\r\n" + H + "Connection: close\r\n" + fieldLine(8190) + "\r\n", 0));
    }

    private static String chunked(String body) {
        return "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n" + body;
    }

    // A header line of exactly {@code length} bytes, CRLF included.
    private static String fieldLine(int length) {
        return "A: " + "v".repeat(length - 5) + "\r\n";
    }
}
