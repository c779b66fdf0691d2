package dev.corral.worker.http.conn;

import dev.corral.worker.http.wire.Outbound;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * The whole pipeline (after the encoder) of a connection Corral will not serve: a polite error
 * with {@code Connection: close}, whatever the client sends, then close. 503 for a connection
 * over {@code worker_connections}; 505 for HTTP/1.x where {@code http_protocols} leaves h1 out.
 * Event loop only; one per connection, added when it opens or once TLS chose HTTP/1.1.
 */
public final class ConnectionRefuser extends ChannelInboundHandlerAdapter {
    private final int status;
    private boolean sent;

    /** @param status 503 or 505 */
    public ConnectionRefuser(int status) {
        this.status = status;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // Added after the connection became active (ALPN chose HTTP/1.1): no channelActive follows.
        if (ctx.channel().isActive() && ctx.channel().isRegistered()) {
            send(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        send(ctx);
        ctx.fireChannelActive();
    }

    private void send(ChannelHandlerContext ctx) {
        if (!sent) {
            sent = true;
            ConnectionClose.lingering(ctx.writeAndFlush(Outbound.Whole.error(status)));
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }
}
