package dev.corral.worker.http.parse;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * What the decoder passes on instead of a request it refuses: the status to answer with, and as
 * much of the request as was understood, for the access log. The connection is closed after it;
 * nothing that follows on the wire is parsed.
 *
 * @param status the 4xx or 5xx to send
 * @param reason why, for debugging; never sent
 * @param requestStarted whether any byte of a request arrived (a silent connection timing out
 *     is not a request, and is not logged as one)
 * @param method the request method, or null when the request line was not understood
 * @param target the request target, or null likewise
 * @param protocol {@code HTTP/1.1} or {@code HTTP/1.0}, or null likewise
 */
public record Rejection(HttpResponseStatus status, String reason, boolean requestStarted, String method,
                        String target, String protocol) {

    static Rejection of(HttpResponseStatus status, String reason, boolean requestStarted,
                        LineParser.RequestLine line) {
        return line == null
                ? new Rejection(status, reason, requestStarted, null, null, null)
                : new Rejection(status, reason, true, line.method(), line.target(), line.version().text());
    }
}
