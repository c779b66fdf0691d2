package dev.corral.worker.app;

import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request as the application sees it: method, target, headers and the whole body.
 *
 * <p>Header names are matched case-insensitively. Instances are immutable.
 *
 * @param method the request method, as sent ({@code GET}, {@code POST}, ...)
 * @param uri the request target, as sent: path and query ({@code /sentiment?text=good})
 * @param headers the header fields in the order received; names as sent
 * @param body the request body, de-chunked; empty when there is none
 * @param remoteAddress the client's address (the proxy's, unless it is a trusted forwarder, see
 *     {@code forwarded_allow_ips}: then the first address of {@code X-Forwarded-For}, port 0)
 * @param scheme {@code https} when Corral itself serves TLS; else {@code http}, or what a trusted
 *     forwarder said in {@code X-Forwarded-Proto} ({@code http} or {@code https})
 */
public record Request(String method, String uri, List<Map.Entry<String, String>> headers,
                      byte[] body, InetSocketAddress remoteAddress, String scheme) {

    /** Checks the fields and takes an unmodifiable copy of the headers. */
    public Request {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body;
        scheme = scheme == null ? "http" : scheme;
    }

    /** A request received over plain {@code http}: the constructor before {@code scheme} existed. */
    public Request(String method, String uri, List<Map.Entry<String, String>> headers,
                   byte[] body, InetSocketAddress remoteAddress) {
        this(method, uri, headers, body, remoteAddress, "http");
    }

    /**
     * The path of the target, without the query: {@code /sentiment}; also for a target in
     * absolute form ({@code http://example.com/sentiment?text=good}), which servers must accept
     * (RFC 9112 §3.2.2), and whose empty path is {@code /}.
     */
    public String path() {
        int start = 0;
        int authority = uri.startsWith("/") ? -1 : uri.indexOf("://");
        if (authority > 0) {
            int end = authority + 3;
            while (end < uri.length() && uri.charAt(end) != '/' && uri.charAt(end) != '?') {
                end++;
            }
            if (end == uri.length() || uri.charAt(end) == '?') {
                return "/";
            }
            start = end;
        }
        int q = uri.indexOf('?', start);
        return q < 0 ? uri.substring(start) : uri.substring(start, q);
    }

    /**
     * The query parameters, decoded as {@code application/x-www-form-urlencoded}; the first value
     * wins when a name repeats.
     */
    public Map<String, String> queryParameters() {
        int q = uri.indexOf('?');
        return q < 0 ? Map.of() : parseForm(uri.substring(q + 1));
    }

    /** The value of the named query parameter, or {@code null}. */
    public String queryParameter(String name) {
        return queryParameters().get(name);
    }

    /** The first value of the named header (case-insensitive), or {@code null}. */
    public String header(String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    /** The body decoded as UTF-8. */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Decodes {@code a=1&b=two} into an ordered map; the first value of a repeated name wins. */
    public static Map<String, String> parseForm(String form) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException badEscape) {
                // A malformed %-escape is the client's mistake; keep the raw text rather than fail.
                out.putIfAbsent(name, value);
            }
        }
        return Collections.unmodifiableMap(out);
    }
}
