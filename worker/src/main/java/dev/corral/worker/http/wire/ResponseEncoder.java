package dev.corral.worker.http.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The one response encoder of a connection: every head (whole, streamed, error or interim)
 * is written here, with Corral's framing, {@code Server}, {@code Date} and {@code Connection}
 * fields, and streamed bodies are framed here by the head they follow. The status line and the
 * constant lines are pre-encoded bytes, so a whole response costs a few copies and one write.
 * Event loop only: one instance per connection, holding the framing of the stream in progress.
 */
public final class ResponseEncoder extends MessageToByteEncoder<Outbound> {
    private static final int CRLF = ('\r' << 8) | '\n';
    private static final int COLON_SPACE = (':' << 8) | ' ';
    private static final byte[] CONTENT_LENGTH_LINE = ascii("Content-Length: ");
    private static final byte[] CHUNKED_LINE = ascii("Transfer-Encoding: chunked\r\n");
    private static final byte[] SERVER_LINE = ascii("Server: corral\r\n");
    private static final byte[] KEEP_ALIVE_LINE = ascii("Connection: keep-alive\r\n");
    private static final byte[] CLOSE_LINE = ascii("Connection: close\r\n");
    private static final byte[] CONTINUE = ascii("HTTP/1.1 100 Continue\r\n\r\n");
    private static final byte[] LAST_CHUNK = ascii("0\r\n\r\n");

    private final boolean serverHeader;
    private final HttpDate date;
    // The head of the streamed response whose body is being sent, or null between responses.
    private ResponseHead streaming;

    /** @param serverHeader whether to send {@code Server: corral} ({@code server_header}) */
    public ResponseEncoder(boolean serverHeader) {
        this(serverHeader, HttpDate.SYSTEM);
    }

    ResponseEncoder(boolean serverHeader, HttpDate date) {
        super(Outbound.class);
        this.serverHeader = serverHeader;
        this.date = date;
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Outbound msg, boolean preferDirect) {
        int size = 32;
        if (msg instanceof Outbound.Whole w) {
            size = headSize(w.head()) + (w.head().bodySent() ? w.body().length : 0);
        } else if (msg instanceof Outbound.Head h) {
            size = headSize(h.head());
        } else if (msg instanceof Outbound.Part p) {
            size = p.content().readableBytes() + 16;
        }
        return ctx.alloc().ioBuffer(size);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Outbound msg, ByteBuf out) {
        if (msg instanceof Outbound.Whole w) {
            writeHead(w.head(), out);
            if (w.head().bodySent()) {
                out.writeBytes(w.body());
            }
        } else if (msg instanceof Outbound.Head h) {
            writeHead(h.head(), out);
            streaming = h.head();
        } else if (msg instanceof Outbound.Part p) {
            writePart(p.content(), out);
        } else if (msg == Outbound.End.INSTANCE) {
            if (streaming != null && streaming.bodySent() && streaming.framing() == ResponseHead.Framing.CHUNKED) {
                out.writeBytes(LAST_CHUNK);
            }
            streaming = null;
        } else if (msg == Outbound.Continue.INSTANCE) {
            out.writeBytes(CONTINUE);
        }
    }

    // The Part itself is released by MessageToByteEncoder once this returns.
    private void writePart(ByteBuf data, ByteBuf out) {
        if (streaming == null || !streaming.bodySent() || !data.isReadable()) {
            return; // HEAD and bodiless statuses: the application's bytes are dropped
        }
        if (streaming.framing() == ResponseHead.Framing.CHUNKED) {
            out.writeCharSequence(Integer.toHexString(data.readableBytes()), StandardCharsets.US_ASCII);
            out.writeShort(CRLF);
            out.writeBytes(data);
            out.writeShort(CRLF);
        } else {
            out.writeBytes(data);
        }
    }

    private void writeHead(ResponseHead head, ByteBuf out) {
        out.writeBytes(StatusLine.of(head.status()));
        for (Map.Entry<String, String> h : head.headers()) {
            String name = h.getKey();
            if (ResponseHead.isCorralsField(name) || serverHeader && name.equalsIgnoreCase("Server")) {
                continue;
            }
            out.writeCharSequence(name, StandardCharsets.ISO_8859_1);
            out.writeShort(COLON_SPACE);
            out.writeCharSequence(h.getValue(), StandardCharsets.ISO_8859_1);
            out.writeShort(CRLF);
        }
        if (head.framing() == ResponseHead.Framing.LENGTH) {
            out.writeBytes(CONTENT_LENGTH_LINE);
            out.writeCharSequence(Long.toString(head.contentLength()), StandardCharsets.US_ASCII);
            out.writeShort(CRLF);
        } else if (head.framing() == ResponseHead.Framing.CHUNKED) {
            out.writeBytes(CHUNKED_LINE);
        }
        if (serverHeader) {
            out.writeBytes(SERVER_LINE);
        }
        out.writeBytes(date.headerLine());
        out.writeBytes(head.keepAlive() ? KEEP_ALIVE_LINE : CLOSE_LINE);
        out.writeShort(CRLF);
    }

    private static int headSize(ResponseHead head) {
        return 160 + 64 * head.headers().size();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
