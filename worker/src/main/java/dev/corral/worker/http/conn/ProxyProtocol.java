package dev.corral.worker.http.conn;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;

/**
 * The PROXY protocol, v1 and v2 (Gunicorn's {@code proxy_protocol}, {@code proxy_allow_ips}),
 * through Netty's codec-haproxy: a load balancer that accepted the client's connection sends the
 * client's address first, before TLS and HTTP; it replaces the peer's as the request's client
 * address (and the access log's). A connection from a peer not allowed is closed at once, and a
 * bad header closes it too. On the event loop.
 */
public final class ProxyProtocol extends ChannelInboundHandlerAdapter {
    private static final AttributeKey<InetSocketAddress> CLIENT = AttributeKey.valueOf("corral.proxied-client");

    private ProxyProtocol() {
    }

    /**
     * Puts the header's decoder first in a new connection's pipeline; false, with the
     * connection closed, when its peer may not send one.
     */
    public static boolean install(Channel ch, ForwardedRule allowed) {
        // On a Unix socket the proxy is local, as for X-Forwarded-For.
        if (!allowed.trustsPeerOf(ch)) {
            ch.close();
            return false;
        }
        ChannelPipeline p = ch.pipeline();
        p.addLast(new HAProxyMessageDecoder());
        p.addLast(new ProxyProtocol());
        return true;
    }

    /** The client the proxy named, or null (no PROXY header on this connection, or LOCAL). */
    static InetSocketAddress client(Channel ch) {
        return ch.hasAttr(CLIENT) ? ch.attr(CLIENT).get() : null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HAProxyMessage header)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (header.command() == HAProxyCommand.PROXY && header.sourceAddress() != null) {
                ctx.channel().attr(CLIENT).set(new InetSocketAddress(
                        java.net.InetAddress.getByName(header.sourceAddress()), header.sourcePort()));
            }
        } catch (java.net.UnknownHostException e) {
            // The decoder checked the address's syntax: a literal always resolves.
            ctx.close();
        } finally {
            header.release();
        }
        ctx.pipeline().remove(this);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
