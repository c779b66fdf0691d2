package dev.corral.worker.http.wire;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;

/**
 * Status lines and reason phrases: RFC 9110's phrases where they differ from the older ones
 * Netty still prints ({@code 413 Content Too Large}, not {@code Request Entity Too Large}).
 * Lines are encoded once per status; any thread (a race encodes the same line twice).
 */
public final class StatusLine {
    private static final byte[][] LINES = new byte[600][];

    private StatusLine() {
    }

    /** The reason phrase RFC 9110 gives {@code status}, or a generic one for an unregistered code. */
    public static String reason(int status) {
        return switch (status) {
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 416 -> "Range Not Satisfiable";
            case 422 -> "Unprocessable Content";
            default -> HttpResponseStatus.valueOf(status).reasonPhrase();
        };
    }

    /** {@code HTTP/1.1 <status> <reason>} and CRLF. */
    static byte[] of(int status) {
        byte[] line = LINES[status];
        if (line == null) {
            line = ("HTTP/1.1 " + status + " " + reason(status) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            LINES[status] = line;
        }
        return line;
    }
}
