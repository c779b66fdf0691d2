package dev.corral.worker.http.wire;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.AsciiString;
import java.util.Map;

/**
 * The same {@link Outbound} answers as {@link ResponseEncoder} writes for HTTP/1.1, as the
 * frames of one HTTP/2 stream: a HEADERS frame with {@code :status}, lower-case names and
 * Corral's {@code content-length}, {@code server} and {@code date}; DATA frames for the body;
 * END_STREAM on the last. The fields that mean something only to an HTTP/1.1 connection
 * ({@code Connection}, {@code Keep-Alive}, {@code Transfer-Encoding}, {@code Upgrade}) are dropped
 * (RFC 9113 §8.2.2). Event loop only: one instance per stream.
 */
public final class Http2ResponseEncoder extends ChannelOutboundHandlerAdapter {
    private static final AsciiString SERVER = AsciiString.cached("server");
    private static final AsciiString CORRAL = AsciiString.cached("corral");
    private static final AsciiString DATE = AsciiString.cached("date");
    private static final AsciiString CONTENT_LENGTH = AsciiString.cached("content-length");

    private final boolean serverHeader;
    private final HttpDate date;
    // The head of the streamed response under way.
    private ResponseHead streaming;

    /** @param serverHeader whether to send {@code server: corral} ({@code server_header}) */
    public Http2ResponseEncoder(boolean serverHeader) {
        this.serverHeader = serverHeader;
        this.date = HttpDate.SYSTEM;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof Outbound.Whole w) {
            boolean body = w.head().bodySent() && w.body().length > 0;
            if (body) {
                ctx.write(new DefaultHttp2HeadersFrame(headers(w.head()), false));
                ctx.write(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(w.body()), true), promise);
            } else {
                ctx.write(new DefaultHttp2HeadersFrame(headers(w.head()), true), promise);
            }
        } else if (msg instanceof Outbound.Head h) {
            streaming = h.head();
            ctx.write(new DefaultHttp2HeadersFrame(headers(h.head()), false), promise);
        } else if (msg instanceof Outbound.Part p) {
            if (streaming != null && streaming.bodySent()) {
                ctx.write(new DefaultHttp2DataFrame(p.content(), false), promise);
            } else {
                p.release(); // HEAD and bodiless statuses: the application's bytes are dropped
                promise.setSuccess();
            }
        } else if (msg == Outbound.End.INSTANCE) {
            streaming = null;
            ctx.write(new DefaultHttp2DataFrame(true), promise);
        } else if (msg == Outbound.Continue.INSTANCE) {
            ctx.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers(false)
                    .status(HttpResponseStatus.CONTINUE.codeAsText()), false), promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    private Http2Headers headers(ResponseHead head) {
        Http2Headers out = new DefaultHttp2Headers(false, head.headers().size() + 4);
        out.status(HttpResponseStatus.valueOf(head.status()).codeAsText());
        for (Map.Entry<String, String> h : head.headers()) {
            String name = h.getKey();
            if (ResponseHead.isCorralsField(name) || isHopByHop(name)
                    || serverHeader && name.equalsIgnoreCase("Server")) {
                continue;
            }
            out.add(AsciiString.of(name).toLowerCase(), h.getValue());
        }
        if (head.framing() == ResponseHead.Framing.LENGTH) {
            out.setLong(CONTENT_LENGTH, head.contentLength());
        }
        if (serverHeader) {
            out.set(SERVER, CORRAL);
        }
        out.set(DATE, date.value());
        return out;
    }

    private static boolean isHopByHop(String name) {
        return name.equalsIgnoreCase("Keep-Alive") || name.equalsIgnoreCase("Proxy-Connection")
                || name.equalsIgnoreCase("Upgrade");
    }
}
