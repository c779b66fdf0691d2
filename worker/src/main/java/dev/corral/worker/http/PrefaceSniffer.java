package dev.corral.worker.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Cleartext HTTP/2 with prior knowledge (RFC 9113 §3.3): a connection whose first bytes are the
 * HTTP/2 preface ({@code PRI * HTTP/2.0}) is served HTTP/2, any other HTTP/1.x. The bytes read
 * while choosing go on to the chosen protocol's decoder. A client that sends nothing at all is
 * closed after {@code header_timeout}. Event loop only; first in the pipeline until it chose.
 */
final class PrefaceSniffer extends ByteToMessageDecoder {
    private static final ByteBuf PREFACE = Http2CodecUtil.connectionPrefaceBuf();

    private final HttpInitializer protocols;
    private final boolean full;
    private final long timeoutNanos;
    private ScheduledFuture<?> timeout;

    PrefaceSniffer(HttpInitializer protocols, boolean full, long timeoutNanos) {
        this.protocols = protocols;
        this.full = full;
        this.timeoutNanos = timeoutNanos;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (timeoutNanos > 0) {
            timeout = ctx.executor().schedule(() -> {
                if (ctx.pipeline().context(this) != null) {
                    ctx.close();
                }
            }, timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int n = Math.min(in.readableBytes(), PREFACE.readableBytes());
        boolean h2 = ByteBufUtil.equals(in, in.readerIndex(), PREFACE, PREFACE.readerIndex(), n);
        if (h2 && n < PREFACE.readableBytes()) {
            return; // a prefix of the preface: wait for the rest
        }
        if (h2) {
            protocols.http2(ctx.channel(), full);
        } else {
            protocols.http1(ctx.channel(), full);
        }
        // What was read passes on to the handlers just added (ByteToMessageDecoder hands it over).
        ctx.pipeline().remove(this);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (timeout != null) {
            timeout.cancel(false);
        }
    }
}
