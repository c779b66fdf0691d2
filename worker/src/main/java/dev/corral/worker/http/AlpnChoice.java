package dev.corral.worker.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a TLS connection in the protocol its handshake chose through ALPN: HTTP/2 for
 * {@code h2}, HTTP/1.1 otherwise (a client that offered neither, or no ALPN at all). Event loop
 * only; right after the SslHandler, gone once the handshake is over.
 */
final class AlpnChoice extends ApplicationProtocolNegotiationHandler {
    private static final Logger LOG = LoggerFactory.getLogger(AlpnChoice.class);

    private final HttpInitializer protocols;
    private final boolean full;

    AlpnChoice(HttpInitializer protocols, boolean full) {
        super(ApplicationProtocolNames.HTTP_1_1);
        this.protocols = protocols;
        this.full = full;
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
        if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
            protocols.http2(ctx.channel(), full);
        } else {
            protocols.http1(ctx.channel(), full);
        }
    }

    @Override
    protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
        // A client that cannot finish a handshake is its own business, as over HTTP/1.1.
        LOG.debug("TLS handshake failed: {}", cause.toString());
        ctx.close();
    }
}
