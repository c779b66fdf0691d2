package dev.corral.worker.http.parse;

import static dev.corral.worker.http.parse.BadRequestException.bad;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.Http2Headers;
import java.util.Map;
import java.util.Set;

/**
 * The rules an HTTP/2 request head must pass before it reaches the application: RFC 9113 §8.2
 * and §8.3 (pseudo-header fields, no connection-specific fields, no CR, LF or NUL and no edge
 * whitespace in values, {@code :authority} and {@code Host} naming the same thing), and the very
 * limits an HTTP/1.1 head has ({@code limit_request_line} for {@code :path},
 * {@code limit_request_fields}, {@code limit_request_field_size}, {@code Content-Length} against
 * {@code limit_request_body}, {@code Expect}). A head that passes becomes the HTTP/1.1-shaped head
 * the application sees: {@code Host} from {@code :authority}, split {@code cookie} fields joined
 * (§8.2.3). Pure; the stream's decoder calls it on the event loop.
 */
final class Http2HeadRules {
    // RFC 9113 §8.2.2: fields that mean something only to one HTTP/1.1 connection.
    private static final Set<String> CONNECTION_SPECIFIC = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "upgrade");

    private Http2HeadRules() {
    }

    /**
     * A head that passed.
     *
     * @param contentLength the announced body length, or -1 when none was announced
     * @param continueExpected the client waits for {@code 100 Continue} before the body
     */
    record Head(String method, String target, HttpHeaders headers, long contentLength, boolean continueExpected) {
    }

    static Head check(Http2Headers h2, RequestLimits limits, boolean endOfStream) throws BadRequestException {
        String method = text(h2.method());
        if (method == null || !Grammar.isToken(method)) {
            throw bad("HTTP/2: missing or bad :method");
        }
        String target = target(method, h2, limits);
        HttpHeaders fields = new DefaultHttpHeaders(false);
        String authority = text(h2.authority());
        if (authority != null) {
            checkHost(authority);
        }
        StringBuilder cookies = null;
        int count = 0;
        String host = null;
        for (Map.Entry<CharSequence, CharSequence> e : h2) {
            String name = e.getKey().toString();
            if (name.startsWith(":")) {
                continue; // checked above; an unknown one Netty already refused
            }
            String value = e.getValue().toString();
            if (++count > limits.fields()) {
                throw new BadRequestException(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "too many fields");
            }
            if (name.length() + value.length() + 4 > limits.fieldSize()) {
                throw new BadRequestException(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "field too long");
            }
            checkField(name, value);
            if (name.equals("host")) {
                if (host != null) {
                    throw bad("HTTP/2: more than one host");
                }
                host = value;
                checkHost(host);
            } else if (name.equals("cookie")) {
                cookies = cookies == null ? new StringBuilder(value) : cookies.append("; ").append(value);
                continue;
            }
            fields.add(name, value);
        }
        if (host != null && authority != null && !host.equalsIgnoreCase(authority)) {
            throw bad("HTTP/2: host and :authority differ");
        }
        if (host == null && authority != null) {
            // The application reads Host (getServerName, absolute URLs): HTTP/2 says :authority.
            fields.add("host", authority);
        }
        if (cookies != null) {
            fields.add("cookie", cookies.toString());
        }
        long length = contentLength(fields, limits);
        boolean expects = expectsContinue(fields);
        return new Head(method, target, fields, length, expects && !endOfStream && length != 0);
    }

    /** Refuses a trailer section with pseudo-header fields or fields only a head may carry. */
    static void checkTrailers(Http2Headers trailers, RequestLimits limits) throws BadRequestException {
        int count = 0;
        for (Map.Entry<CharSequence, CharSequence> e : trailers) {
            String name = e.getKey().toString();
            if (name.startsWith(":")) {
                throw bad("HTTP/2: pseudo-header field in trailers");
            }
            if (++count > limits.fields()) {
                throw new BadRequestException(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "too many trailers");
            }
            checkField(name, e.getValue().toString());
            if (name.equals("content-length") || name.equals("host")) {
                throw bad("trailer field not allowed: " + name);
            }
        }
    }

    private static String target(String method, Http2Headers h2, RequestLimits limits) throws BadRequestException {
        String path = text(h2.path());
        if ("CONNECT".equals(method)) {
            // §8.5: only :method and :authority. The application decides what to do with it.
            if (path != null || h2.scheme() != null || h2.authority() == null) {
                throw bad("HTTP/2: CONNECT takes :authority only");
            }
            return h2.authority().toString();
        }
        if (path == null || path.isEmpty() || h2.scheme() == null || h2.scheme().length() == 0) {
            throw bad("HTTP/2: missing :path or :scheme");
        }
        if (path.length() > limits.requestLine()) {
            throw new BadRequestException(HttpResponseStatus.REQUEST_URI_TOO_LONG, ":path too long");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c > 255 || !Grammar.isTargetChar((byte) c)) {
                throw bad("HTTP/2: character not allowed in :path");
            }
            if (c == '%' && (i + 2 >= path.length() || Grammar.hexValue((byte) path.charAt(i + 1)) < 0
                    || Grammar.hexValue((byte) path.charAt(i + 2)) < 0)) {
                throw bad("HTTP/2: broken percent-escape in :path");
            }
        }
        if (path.charAt(0) != '/' && !("*".equals(path) && "OPTIONS".equals(method))) {
            throw bad("HTTP/2: :path must start with /");
        }
        return path;
    }

    private static void checkField(String name, String value) throws BadRequestException {
        if (!Grammar.isToken(name)) {
            throw bad("HTTP/2: bad field name");
        }
        if (CONNECTION_SPECIFIC.contains(name) || name.equals("te") && !value.equalsIgnoreCase("trailers")) {
            throw bad("HTTP/2: connection-specific field " + name);
        }
        int n = value.length();
        if (n > 0 && (Grammar.isWhitespace((byte) value.charAt(0)) || Grammar.isWhitespace((byte) value.charAt(n - 1)))) {
            throw bad("HTTP/2: whitespace around a field value");
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c > 255 || !Grammar.isFieldValueChar((byte) c)) {
                throw bad("HTTP/2: character not allowed in a field value");
            }
        }
    }

    private static void checkHost(String host) throws BadRequestException {
        if (host.isEmpty()) {
            throw bad("HTTP/2: empty :authority or host");
        }
        for (int i = 0; i < host.length(); i++) {
            if (!Grammar.isHostChar(host.charAt(i))) {
                throw bad("HTTP/2: bad :authority or host");
            }
        }
    }

    private static long contentLength(HttpHeaders fields, RequestLimits limits) throws BadRequestException {
        var values = fields.getAll("content-length");
        if (values.isEmpty()) {
            return -1;
        }
        if (values.size() > 1) {
            throw bad("more than one Content-Length");
        }
        long n = HeadRules.parseLength(values.get(0));
        if (n > bodyLimit(limits)) {
            throw new BadRequestException(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "body over the limit");
        }
        return n;
    }

    static long bodyLimit(RequestLimits limits) {
        return limits.body() > 0 ? limits.body() : HeadRules.MAX_BODY;
    }

    private static boolean expectsContinue(HttpHeaders fields) throws BadRequestException {
        var expect = fields.getAll("expect");
        if (expect.size() > 1 || expect.size() == 1 && !"100-continue".equalsIgnoreCase(expect.get(0))) {
            throw new BadRequestException(HttpResponseStatus.EXPECTATION_FAILED, "unknown expectation");
        }
        return expect.size() == 1;
    }

    private static String text(CharSequence s) {
        return s == null ? null : s.toString();
    }
}
