package dev.corral.worker.http;

import dev.corral.worker.app.Response;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** Turns the application's {@link Response} into the bytes on the wire, with Corral's own headers. */
final class ResponseWriter {
    private static final AsciiString SERVER = AsciiString.cached("corral");
    // Header names as every mainstream server spells them on the wire (Netty's are lower case).
    private static final AsciiString CONTENT_LENGTH = AsciiString.cached("Content-Length");
    private static final AsciiString CONTENT_TYPE = AsciiString.cached("Content-Type");
    private static final AsciiString TRANSFER_ENCODING = AsciiString.cached("Transfer-Encoding");
    private static final AsciiString SERVER_NAME = AsciiString.cached("Server");
    private static final AsciiString DATE = AsciiString.cached("Date");
    private static final AsciiString CONNECTION = AsciiString.cached("Connection");
    private static final int CRLF = ('\r' << 8) | '\n';
    private static final int COLON_SPACE = (':' << 8) | ' ';
    private static final byte[] CONTENT_LENGTH_LINE = "Content-Length: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVER_LINE = "Server: corral\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEEP_ALIVE_LINE = "Connection: keep-alive\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE_LINE = "Connection: close\r\n".getBytes(StandardCharsets.US_ASCII);
    // Written only by event loops; a racing second loop at worst encodes the same line twice.
    private static final byte[][] STATUS_LINES = new byte[600][];
    private static volatile byte[] dateLine = new byte[0];
    private static volatile long dateLineSecond;
    private static volatile long dateSecond;
    private static volatile AsciiString dateValue = AsciiString.of("");

    private ResponseWriter() {
    }

    /**
     * Why the application's header fields cannot be sent, or null when they can: a name that is
     * not a token or a value with CR, LF or another control character would let the application
     * (or whoever controls what it echoes) split the response.
     */
    static String invalidHeader(Response response) {
        for (Map.Entry<String, String> h : response.headers()) {
            if (!isToken(h.getKey())) {
                return "invalid header name " + quoted(h.getKey());
            }
            String v = h.getValue();
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c > 0xff || c < 0x20 && c != '\t' || c == 0x7f) {
                    return "control character in the value of " + h.getKey();
                }
            }
        }
        return null;
    }

    private static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String quoted(String s) {
        return '"' + s.replace("\r", "\\r").replace("\n", "\\n") + '"';
    }

    /**
     * A whole response, encoded into one buffer: the status line and the constant header lines
     * are pre-encoded bytes, so the common response costs a few copies and one write.
     */
    static ByteBuf encode(ByteBufAllocator alloc, Response response, boolean keepAlive, boolean head,
                          boolean serverHeader) {
        byte[] body = response.body();
        ByteBuf out = alloc.buffer(160 + 64 * response.headers().size() + (head ? 0 : body.length));
        out.writeBytes(statusLine(response.status()));
        for (Map.Entry<String, String> h : response.headers()) {
            String name = h.getKey();
            // Framing is ours alone: an application's Transfer-Encoding or Content-Length next to
            // ours would be a response a proxy could split.
            if (name.equalsIgnoreCase("Transfer-Encoding") || name.equalsIgnoreCase("Content-Length")) {
                continue;
            }
            out.writeCharSequence(name, StandardCharsets.ISO_8859_1);
            out.writeShort(COLON_SPACE);
            out.writeCharSequence(h.getValue(), StandardCharsets.ISO_8859_1);
            out.writeShort(CRLF);
        }
        out.writeBytes(CONTENT_LENGTH_LINE);
        out.writeCharSequence(Integer.toString(body.length), StandardCharsets.US_ASCII);
        out.writeShort(CRLF);
        if (serverHeader) {
            out.writeBytes(SERVER_LINE);
        }
        out.writeBytes(dateLine());
        out.writeBytes(keepAlive ? KEEP_ALIVE_LINE : CLOSE_LINE);
        out.writeShort(CRLF);
        if (!head) {
            out.writeBytes(body);
        }
        return out;
    }

    private static byte[] statusLine(int status) {
        byte[] line = STATUS_LINES[status];
        if (line == null) {
            line = ("HTTP/1.1 " + HttpResponseStatus.valueOf(status) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            STATUS_LINES[status] = line;
        }
        return line;
    }

    private static byte[] dateLine() {
        long now = System.currentTimeMillis() / 1000;
        byte[] line = dateLine;
        if (now != dateLineSecond) {
            line = ("Date: " + date() + "\r\n").getBytes(StandardCharsets.US_ASCII);
            dateLine = line;
            dateLineSecond = now;
        }
        return line;
    }

    /** The head of a streamed response: chunked for HTTP/1.1, close-delimited otherwise. */
    static HttpResponse streamHead(Response response, boolean keepAlive, boolean chunked, boolean serverHeader) {
        HttpResponse out = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(response.status()));
        HttpHeaders headers = out.headers();
        for (Map.Entry<String, String> h : response.headers()) {
            headers.add(h.getKey(), h.getValue());
        }
        headers.remove(HttpHeaderNames.CONTENT_LENGTH);
        headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
        if (chunked) {
            headers.set(TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        addCommon(headers, keepAlive, serverHeader);
        return out;
    }

    static FullHttpResponse error(ByteBufAllocator alloc, HttpResponseStatus status, boolean serverHeader) {
        byte[] text = (status.reasonPhrase() + "\n").getBytes(StandardCharsets.US_ASCII);
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                alloc.buffer(text.length).writeBytes(text));
        out.headers().set(CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
        out.headers().set(CONTENT_LENGTH, text.length);
        addCommon(out.headers(), false, serverHeader);
        return out;
    }

    private static void addCommon(HttpHeaders headers, boolean keepAlive, boolean serverHeader) {
        if (serverHeader) {
            headers.set(SERVER_NAME, SERVER);
        }
        headers.set(DATE, date());
        headers.set(CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
    }

    // The Date header changes once a second; formatting it per request would be wasted work.
    private static AsciiString date() {
        long now = System.currentTimeMillis() / 1000;
        if (now != dateSecond) {
            dateValue = AsciiString.of(DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    ZonedDateTime.now(ZoneOffset.UTC)));
            dateSecond = now;
        }
        return dateValue;
    }
}
