package dev.corral.worker.http.parse;

import static dev.corral.worker.http.parse.BadRequestException.bad;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The checks that need the whole head: Host, how the body is framed (the request-smuggling
 * rules of RFC 9112 §6), Expect and the body limit; and which fields a trailer section may not
 * carry. Pure; the decoder calls it on the event loop.
 */
final class HeadRules {
    static final long CHUNKED = -1;
    /** The largest body one array can hold: the bound when {@code limit_request_body} is 0. */
    static final long MAX_BODY = Integer.MAX_VALUE - 8;
    // RFC 9110 §6.5.1: framing and routing fields cannot be processed as trailers; a proxy that
    // merged them would let a trailer rewrite how the request was framed or routed. Gunicorn
    // refuses these three too.
    private static final Set<String> NOT_IN_TRAILERS = Set.of("content-length", "transfer-encoding", "host");
    // Codings a client may legitimately send; we decode none but chunked (501 for these).
    private static final Set<String> KNOWN_CODINGS = Set.of("gzip", "x-gzip", "deflate", "compress",
            "x-compress", "identity", "br", "zstd");
    private static final int MAX_LENGTH_DIGITS = 18;

    private HeadRules() {
    }

    /**
     * How the body of a request with this head is framed; made and read on the event loop.
     *
     * @param length the body length, or {@link #CHUNKED}
     * @param continueExpected an HTTP/1.1 client waits for {@code 100 Continue} before the body
     */
    record BodyFraming(long length, boolean continueExpected) {
    }

    static BodyFraming bodyFraming(HttpVersion version, HttpHeaders headers, long bodyLimit)
            throws BadRequestException {
        FramingFields f = FramingFields.of(headers);
        checkExpect(f.expects());
        long length = bodyLength(version, f, bodyLimit);
        // An HTTP/1.0 client cannot expect 100-continue (RFC 9110 §10.1.1), and without a body there
        // is nothing to wait for.
        boolean waits = !f.expects().isEmpty() && version == HttpVersion.HTTP_1_1 && length != 0;
        return new BodyFraming(length, waits);
    }

    /** Refuses a trailer section that carries a field only a header section may carry. */
    static void checkTrailers(HttpHeaders trailers) throws BadRequestException {
        for (var it = trailers.iteratorCharSequence(); it.hasNext(); ) {
            String name = it.next().getKey().toString().toLowerCase(Locale.ROOT);
            if (NOT_IN_TRAILERS.contains(name)) {
                throw bad("trailer field not allowed: " + name);
            }
        }
    }

    private static long bodyLength(HttpVersion version, FramingFields f, long bodyLimit) throws BadRequestException {
        checkHost(version, f.hosts());
        if (!f.transferEncodings().isEmpty()) {
            if (!f.contentLengths().isEmpty()) {
                throw bad("both Content-Length and Transfer-Encoding");
            }
            if (version == HttpVersion.HTTP_1_0) {
                throw bad("Transfer-Encoding in an HTTP/1.0 request");
            }
            checkCodings(f.transferEncodings());
            return CHUNKED;
        }
        if (f.contentLengths().isEmpty()) {
            return 0;
        }
        if (f.contentLengths().size() > 1) {
            throw bad("more than one Content-Length");
        }
        long length = parseLength(f.contentLengths().get(0));
        if (length > (bodyLimit > 0 ? bodyLimit : MAX_BODY)) {
            throw new BadRequestException(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "body over the limit");
        }
        return length;
    }

    private static void checkHost(HttpVersion version, List<String> hosts) throws BadRequestException {
        if (hosts.size() > 1 || hosts.isEmpty() && version == HttpVersion.HTTP_1_1) {
            throw bad("HTTP/1.1 needs exactly one Host");
        }
        if (!hosts.isEmpty()) {
            String host = hosts.get(0);
            for (int i = 0; i < host.length(); i++) {
                if (!Grammar.isHostChar(host.charAt(i))) {
                    throw bad("bad Host");
                }
            }
        }
    }

    private static void checkExpect(List<String> expect) throws BadRequestException {
        if (expect.size() > 1 || expect.size() == 1 && !"100-continue".equalsIgnoreCase(expect.get(0))) {
            throw new BadRequestException(HttpResponseStatus.EXPECTATION_FAILED, "unknown expectation");
        }
    }

    // Only "chunked" last, exactly once, is framing we can trust; anything else is refused.
    private static void checkCodings(List<String> fields) throws BadRequestException {
        String last = null;
        boolean unsupported = false;
        int chunkedCount = 0;
        for (String field : fields) {
            for (String raw : field.split(",", -1)) {
                String coding = raw.trim().toLowerCase(Locale.ROOT);
                if (!Grammar.isToken(coding)) {
                    throw bad("Transfer-Encoding: bad coding");
                }
                if ("chunked".equals(coding)) {
                    chunkedCount++;
                } else if (KNOWN_CODINGS.contains(coding)) {
                    unsupported = true;
                } else {
                    throw new BadRequestException(HttpResponseStatus.NOT_IMPLEMENTED, "unknown coding");
                }
                last = coding;
            }
        }
        if (!"chunked".equals(last) || chunkedCount > 1) {
            throw bad("Transfer-Encoding must end with chunked, once");
        }
        if (unsupported) {
            throw new BadRequestException(HttpResponseStatus.NOT_IMPLEMENTED, "unsupported coding");
        }
    }

    // Content-Length = 1*DIGIT: no sign, no list, no hex, no blanks. HTTP/2's too.
    static long parseLength(String value) throws BadRequestException {
        if (value.isEmpty() || value.length() > MAX_LENGTH_DIGITS) {
            throw bad("bad Content-Length");
        }
        long n = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw bad("bad Content-Length");
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
