package dev.corral.worker.http.h2;

import dev.corral.worker.http.conn.Drain;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to an HTTP/2 connection as a whole (its keep-alive wait is {@link Http2Streams}'):
 * on drain (HUP, TERM, max_requests), GOAWAY, so that the client sends
 * no new stream, and closed once the open streams are answered (Netty's graceful shutdown,
 * bounded by {@code graceful_timeout}). Event loop only; last in the connection's pipeline.
 */
final class Http2ConnectionOwner extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(Http2ConnectionOwner.class);

    private final Http2Streams streams;
    private final boolean refuse;

    Http2ConnectionOwner(Http2Streams streams, boolean refuse) {
        this.streams = streams;
        this.refuse = refuse;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (refuse) {
            // After the codec's preface, so that the client reads a GOAWAY, not a broken connection.
            ctx.executor().execute(ctx::close);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == Drain.INSTANCE) {
            streams.closing();
            ctx.close(); // GOAWAY with the last stream taken; open streams finish first
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // Connection-level frames the codec passes on (SETTINGS, PING, GOAWAY): handled by it.
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("HTTP/2 connection error: {}", cause.toString());
        // The codec answers its own errors with the GOAWAY that names them (ENHANCE_YOUR_CALM
        // for a flood); a close here first would send a polite NO_ERROR instead.
        if (!(cause instanceof Http2Exception)) {
            ctx.close();
        }
    }
}
