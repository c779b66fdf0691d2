package dev.corral.worker.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;

/**
 * The whole pipeline of a connection over {@code worker_connections}: a polite 503 with
 * {@code Connection: close}, whatever the client sends, then close.
 */
final class ConnectionRefuser extends ChannelInboundHandlerAdapter {
    private final boolean serverHeader;

    ConnectionRefuser(boolean serverHeader) {
        this.serverHeader = serverHeader;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ConnectionPolicy.closeAfter(ctx.writeAndFlush(
                ResponseWriter.error(ctx.alloc(), HttpResponseStatus.SERVICE_UNAVAILABLE, serverHeader)));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }
}
