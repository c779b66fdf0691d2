package dev.corral.worker.app;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The answer to one request: a status, header fields and a body.
 *
 * <p>Corral adds {@code Content-Length}, {@code Date}, {@code Server} and {@code Connection}
 * itself. Build one with the static factories and {@link #withHeader}; instances are immutable.
 *
 * @param status the status code, 100 to 599
 * @param headers header fields to send, in order
 * @param body the body; empty for none
 */
public record Response(int status, List<Map.Entry<String, String>> headers, byte[] body) {

    /** Checks the status and takes an unmodifiable copy of the headers. */
    public Response {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be 100 to 599, was " + status);
        }
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** A {@code 200 OK} with a {@code text/plain; charset=utf-8} body. */
    public static Response text(String body) {
        return text(200, body);
    }

    /** A response with the given status and a {@code text/plain; charset=utf-8} body. */
    public static Response text(int status, String body) {
        return new Response(status, List.of(Map.entry("Content-Type", "text/plain; charset=utf-8")),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** A response with the given status, content type and body. */
    public static Response of(int status, String contentType, byte[] body) {
        return new Response(status, List.of(Map.entry("Content-Type", contentType)), body);
    }

    /** A response with the given status and no body. */
    public static Response status(int status) {
        return new Response(status, List.of(), new byte[0]);
    }

    /** This response with one more header field. */
    public Response withHeader(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        List<Map.Entry<String, String>> more = new ArrayList<>(headers);
        more.add(Map.entry(name, value));
        return new Response(status, more, body);
    }
}
