package dev.corral.worker.log;

import java.util.List;
import java.util.Map;

/**
 * What the access log may say about one answered request; the format picks from it. For a
 * request the server refused before its request line was understood, method, uri and protocol
 * are null and print as {@code -}.
 *
 * @param remote the client address as text (after trusted X-Forwarded-For)
 * @param method the request method, or null
 * @param uri the request target as sent, or null
 * @param protocol {@code HTTP/1.1} or {@code HTTP/1.0}, or null
 * @param status the status sent
 * @param bodyLength bytes of response body sent (-1 when unknown, as for a stream)
 * @param requestHeaders the request's header fields
 * @param responseHeaders the response's header fields, as the application set them
 * @param startMillis wall-clock time the request arrived, epoch milliseconds
 * @param durationNanos time from the request's arrival to its response
 */
public record AccessEntry(String remote, String method, String uri, String protocol, int status,
                          long bodyLength, List<Map.Entry<String, String>> requestHeaders,
                          List<Map.Entry<String, String>> responseHeaders, long startMillis,
                          long durationNanos) {

    /** The first value of a header (case-insensitive) in {@code headers}, or null. */
    static String find(List<Map.Entry<String, String>> headers, String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }
}
