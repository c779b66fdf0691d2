package dev.corral.worker.app;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The answer to one request: a status, header fields and a body.
 *
 * <p>Corral adds {@code Content-Length} (or {@code Transfer-Encoding: chunked} for a streamed
 * body), {@code Date}, {@code Server} and {@code Connection} itself, and drops the
 * application's own values of these (its {@code Server} only while {@code server_header} is
 * on); an application's {@code Connection: close} closes the connection after the answer. A
 * 1xx status cannot be the final answer (the client gets a 500), and 204 and 304 are sent
 * without a body. Build one with the static
 * factories and {@link #withHeader}; instances are immutable. Header names must be tokens and
 * values must not contain CR, LF or other control characters: a response that breaks this is
 * never sent; the client gets a {@code 500} and the error log says why.
 *
 * @param status the status code, 100 to 599
 * @param headers header fields to send, in order
 * @param body the body; empty for none, and ignored when {@code writer} is set
 * @param writer produces the body while it is sent, for a body of unknown length; null for a
 *     body given whole in {@code body}
 */
public record Response(int status, List<Map.Entry<String, String>> headers, byte[] body, BodyWriter writer) {

    /** Checks the status and takes an unmodifiable copy of the headers. */
    public Response {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be 100 to 599, was " + status);
        }
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** A response whose body is given whole: the constructor before streaming existed. */
    public Response(int status, List<Map.Entry<String, String>> headers, byte[] body) {
        this(status, headers, body, null);
    }

    /**
     * A response whose body {@code writer} produces while it is sent, in chunks, for bodies too
     * large to hold or not known in advance. See {@link BodyWriter} for threading, flushing and
     * backpressure.
     */
    public static Response stream(int status, String contentType, BodyWriter writer) {
        Objects.requireNonNull(writer, "writer");
        return new Response(status, List.of(Map.entry("Content-Type", contentType)), new byte[0], writer);
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
        return new Response(status, more, body, writer);
    }
}
