package dev.corral.worker.http.parse;

import static dev.corral.worker.http.parse.BadRequestException.bad;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * Parses single lines of a request (CRLF already removed) exactly by the RFC 9112 grammar:
 * one space as separator, tokens where tokens belong, no control characters anywhere. The
 * line is {@code buf[start, end)}.
 */
final class LineParser {
    private static final long MAX_CHUNK_SIZE = 1L << 60;

    private LineParser() {
    }

    /** The parts of a request line. */
    record RequestLine(String method, String target, HttpVersion version) {
    }

    static RequestLine requestLine(ByteBuf buf, int start, int end) throws BadRequestException {
        int sp1 = buf.indexOf(start, end, (byte) ' ');
        if (sp1 <= start) {
            throw bad("request line: no method");
        }
        for (int i = start; i < sp1; i++) {
            if (!Grammar.isToken(buf.getByte(i))) {
                throw bad("request line: method is not a token");
            }
        }
        int sp2 = buf.indexOf(sp1 + 1, end, (byte) ' ');
        if (sp2 <= sp1 + 1) {
            throw bad("request line: bad separators or empty target");
        }
        String method = buf.toString(start, sp1 - start, StandardCharsets.US_ASCII);
        // The version first: an HTTP/2 preface (PRI * HTTP/2.0) gets 505, not a 400 for its target.
        HttpVersion version = version(buf, sp2 + 1, end);
        return new RequestLine(method, TargetRules.check(method, buf, sp1 + 1, sp2), version);
    }

    // HTTP-version = "HTTP" "/" DIGIT "." DIGIT, case-sensitive (RFC 9112 §2.3).
    private static HttpVersion version(ByteBuf buf, int start, int end) throws BadRequestException {
        if (end - start != 8 || buf.getByte(start) != 'H' || buf.getByte(start + 1) != 'T'
                || buf.getByte(start + 2) != 'T' || buf.getByte(start + 3) != 'P' || buf.getByte(start + 4) != '/'
                || !isDigit(buf.getByte(start + 5)) || buf.getByte(start + 6) != '.' || !isDigit(buf.getByte(start + 7))) {
            throw bad("request line: bad version");
        }
        if (buf.getByte(start + 5) != '1') {
            throw new BadRequestException(HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED, "major version");
        }
        // Any 1.x above 1.0 is handled as 1.1, the highest minor version we speak (RFC 9110 §6.2).
        return buf.getByte(start + 7) == '0' ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** Adds one {@code name: value} line to {@code headers}. */
    static void headerLine(ByteBuf buf, int start, int end, HttpHeaders headers) throws BadRequestException {
        if (Grammar.isWhitespace(buf.getByte(start))) {
            throw bad("obsolete line folding");
        }
        int colon = start;
        while (colon < end && Grammar.isToken(buf.getByte(colon))) {
            colon++;
        }
        if (colon == start || colon == end || buf.getByte(colon) != ':') {
            throw bad("header name is not a token followed by a colon");
        }
        int from = colon + 1;
        int to = end;
        while (from < to && Grammar.isWhitespace(buf.getByte(from))) {
            from++;
        }
        while (to > from && Grammar.isWhitespace(buf.getByte(to - 1))) {
            to--;
        }
        for (int i = from; i < to; i++) {
            if (!Grammar.isFieldValueChar(buf.getByte(i))) {
                throw bad("control character in a header value");
            }
        }
        headers.add(buf.toString(start, colon - start, StandardCharsets.US_ASCII),
                buf.toString(from, to - from, StandardCharsets.ISO_8859_1));
    }

    /** The size of a chunk-size line, after checking its extensions (RFC 9112 §7.1.1). */
    static long chunkSize(ByteBuf buf, int start, int end) throws BadRequestException {
        long size = 0;
        int i = start;
        for (; i < end; i++) {
            int digit = Grammar.hexValue(buf.getByte(i));
            if (digit < 0) {
                break;
            }
            if (size > MAX_CHUNK_SIZE >> 4) {
                throw bad("chunk size overflow");
            }
            size = size * 16 + digit;
        }
        if (i == start) {
            throw bad("chunk size is not hex");
        }
        checkExtensions(buf, i, end);
        return size;
    }

    // chunk-ext = *( BWS ";" BWS ext-name [ BWS "=" BWS ext-val ] ), ext-val = token / quoted-string
    private static void checkExtensions(ByteBuf buf, int i, int end) throws BadRequestException {
        while (true) {
            i = skipWhitespace(buf, i, end);
            if (i == end) {
                return;
            }
            if (buf.getByte(i) != ';') {
                throw bad("chunk extension without ';'");
            }
            i = skipToken(buf, skipWhitespace(buf, i + 1, end), end);
            int next = skipWhitespace(buf, i, end);
            if (next < end && buf.getByte(next) == '=') {
                i = skipWhitespace(buf, next + 1, end);
                i = i < end && buf.getByte(i) == '"' ? skipQuoted(buf, i, end) : skipToken(buf, i, end);
            }
        }
    }

    private static int skipWhitespace(ByteBuf buf, int i, int end) {
        while (i < end && Grammar.isWhitespace(buf.getByte(i))) {
            i++;
        }
        return i;
    }

    private static int skipToken(ByteBuf buf, int i, int end) throws BadRequestException {
        int from = i;
        while (i < end && Grammar.isToken(buf.getByte(i))) {
            i++;
        }
        if (i == from) {
            throw bad("chunk extension: token expected");
        }
        return i;
    }

    // quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE
    private static int skipQuoted(ByteBuf buf, int i, int end) throws BadRequestException {
        for (i++; i < end; i++) {
            byte b = buf.getByte(i);
            if (b == '"') {
                return i + 1;
            }
            if (b == '\\') {
                i++;
                if (i == end || !Grammar.isFieldValueChar(buf.getByte(i))) {
                    throw bad("chunk extension: bad quoted pair");
                }
            } else if (!Grammar.isFieldValueChar(b)) {
                throw bad("chunk extension: control character");
            }
        }
        throw bad("chunk extension: unterminated quoted string");
    }
}
