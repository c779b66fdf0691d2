package dev.corral.worker.http.conn;

import dev.corral.worker.http.wire.Outbound;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * The whole pipeline (after the encoder) of a connection over {@code worker_connections}: a
 * polite 503 with {@code Connection: close}, whatever the client sends, then close. Event loop only.
 */
@ChannelHandler.Sharable
public final class ConnectionRefuser extends ChannelInboundHandlerAdapter {
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ConnectionClose.lingering(ctx.writeAndFlush(Outbound.Whole.error(503)));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }
}
