package dev.corral.worker.http.wire;

import java.util.List;
import java.util.Map;

/**
 * A response's status line and header fields as committed: once a head is written, nothing in
 * it can change. The factories hold the one rule for which responses carry a body (RFC 9110
 * §6.4.1: none for HEAD, 1xx, 204 and 304; and §8.6: those statuses carry no Content-Length
 * either) and how the body is framed. Immutable; made on whichever thread commits.
 *
 * @param status the status code
 * @param headers the application's fields; those Corral writes itself ({@link #isCorralsField})
 *     are dropped when written
 * @param framing how the end of the body is found
 * @param contentLength the body's length, for {@link Framing#LENGTH}
 * @param bodySent whether body bytes follow the head (false for HEAD and bodiless statuses)
 * @param keepAlive {@code Connection: keep-alive}, or {@code close}
 */
public record ResponseHead(int status, List<Map.Entry<String, String>> headers, Framing framing,
                           long contentLength, boolean bodySent, boolean keepAlive) {

    /** How a client finds the end of the body. */
    public enum Framing {
        /** {@code Content-Length}. */
        LENGTH,
        /** {@code Transfer-Encoding: chunked}. */
        CHUNKED,
        /** The body ends when the connection closes (HTTP/1.0 clients of a stream). */
        UNTIL_CLOSE,
        /** No body and no framing field: 1xx, 204 and 304, or a HEAD whose length is not known. */
        NONE
    }

    /**
     * Whether Corral writes the field itself and drops the application's: framing
     * ({@code Content-Length}, {@code Transfer-Encoding}: one next to ours would be a response a
     * proxy could split), {@code Connection} (hop-by-hop, and keep-alive is decided here; an
     * application's {@code close} is honoured, see {@link #asksToClose}) and {@code Date} (a
     * field that appears once).
     */
    public static boolean isCorralsField(String name) {
        return name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding")
                || name.equalsIgnoreCase("Connection") || name.equalsIgnoreCase("Date");
    }

    /** Whether the application's fields ask for the connection to close ({@code Connection: close}). */
    public static boolean asksToClose(List<Map.Entry<String, String>> headers) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase("Connection")) {
                for (String token : h.getValue().split(",")) {
                    if (token.trim().equalsIgnoreCase("close")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Whether a response with {@code status} may have content at all. */
    public static boolean statusAllowsBody(int status) {
        return status >= 200 && status != 204 && status != 304;
    }

    /**
     * The head of a response whose whole body ({@code length} bytes) is known at commit. A HEAD
     * answer says the length a GET would get, and sends no body.
     */
    public static ResponseHead whole(int status, List<Map.Entry<String, String>> headers, long length,
                                     boolean headRequest, boolean keepAlive) {
        if (!statusAllowsBody(status)) {
            return new ResponseHead(status, headers, Framing.NONE, 0, false, keepAlive);
        }
        return new ResponseHead(status, headers, Framing.LENGTH, length, !headRequest, keepAlive);
    }

    /**
     * The head of a response committed before its body ended: chunked for HTTP/1.1, ended by
     * closing the connection for HTTP/1.0 (so no keep-alive then).
     */
    public static ResponseHead streamed(int status, List<Map.Entry<String, String>> headers, boolean headRequest,
                                        boolean http11, boolean keepAlive) {
        if (!statusAllowsBody(status) || headRequest) {
            return new ResponseHead(status, headers, Framing.NONE, 0, false, keepAlive);
        }
        return http11
                ? new ResponseHead(status, headers, Framing.CHUNKED, 0, true, keepAlive)
                : new ResponseHead(status, headers, Framing.UNTIL_CLOSE, 0, true, false);
    }
}
