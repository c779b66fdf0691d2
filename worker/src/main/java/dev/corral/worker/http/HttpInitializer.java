package dev.corral.worker.http;

import dev.corral.worker.control.WorkerSettings;
import dev.corral.worker.http.call.Application;
import dev.corral.worker.http.call.LeaderFollowers;
import dev.corral.worker.http.conn.ConnectionHandler;
import dev.corral.worker.http.conn.ConnectionRefuser;
import dev.corral.worker.http.conn.ExchangeLog;
import dev.corral.worker.http.conn.ForwardedRule;
import dev.corral.worker.http.conn.ProxyProtocol;
import dev.corral.worker.http.h2.Http2Protocol;
import dev.corral.worker.http.parse.RequestLimits;
import dev.corral.worker.http.parse.StrictRequestDecoder;
import dev.corral.worker.http.tls.ServerTls;
import dev.corral.worker.http.wire.ResponseEncoder;
import dev.corral.worker.log.AccessLog;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;

/**
 * The pipeline of one client connection, in the order a request travels through it: bytes are
 * decoded into whole requests (parse), the connection's owner hands them to the application
 * and orders the answers (conn, then call on the handler threads), and every answer goes out
 * through the one response encoder (wire). Runs on the event loop that accepted the connection.
 */
@ChannelHandler.Sharable
final class HttpInitializer extends ChannelInitializer<Channel> {
    private final WorkerSettings settings;
    private final RequestLimits limits;
    private final Application app;
    private final LeaderFollowers handlers;
    private final ServingStats stats;
    private final ChannelGroup connections;
    private final ExchangeLog log;
    private final ForwardedRule forwarded;
    private final ServerTls tls;
    private final ForwardedRule proxies;
    // Null when http_protocols leaves h2 out.
    private final Http2Protocol h2;

    HttpInitializer(WorkerSettings settings, Application app, LeaderFollowers handlers, ServingStats stats,
                    ChannelGroup connections, AccessLog accessLog, ServerTls tls) {
        this.settings = settings;
        this.limits = RequestLimits.of(settings);
        this.app = app;
        this.handlers = handlers;
        this.stats = stats;
        this.connections = connections;
        this.log = new ExchangeLog(accessLog, stats.figures());
        this.forwarded = new ForwardedRule(settings.forwardedAllowIps());
        this.tls = tls;
        this.proxies = settings.proxyProtocol() ? new ForwardedRule(settings.proxyAllowIps()) : null;
        this.h2 = settings.http2().h2() ? new Http2Protocol(settings.http2(), app, handlers, stats, log, forwarded,
                limits, settings.serverHeader(), settings.keepalive(), settings.gracefulTimeout()) : null;
    }

    @Override
    protected void initChannel(Channel ch) {
        boolean full = settings.workerConnections() > 0 && stats.openConnections() >= settings.workerConnections();
        connections.add(ch);
        stats.connectionOpened();
        ch.closeFuture().addListener(f -> stats.connectionClosed());
        ChannelPipeline p = ch.pipeline();
        // The PROXY header comes first on the wire, before TLS.
        if (proxies != null && !ProxyProtocol.install(ch, proxies)) {
            return;
        }
        if (tls != null) {
            var handshake = tls.newHandler(ch.alloc());
            if (handshake == null) {
                // Too many clients mid-handshake: slow or bogus ones must not starve the rest.
                ch.close();
                return;
            }
            p.addLast(handshake);
            if (h2 != null) {
                p.addLast(new AlpnChoice(this, full));
                return;
            }
        } else if (h2 != null && settings.http2().priorKnowledge() && forwarded.trustsPeerOf(ch)) {
            // Gunicorn's rule: cleartext HTTP/2 is for a trusted proxy in front; anyone else is
            // served HTTP/1.x.
            p.addLast(new PrefaceSniffer(this, full, limits.headerNanos()));
            return;
        }
        http1(ch, full);
    }

    /** Serves HTTP/1.x on {@code ch}: the encoder, the decoder and the connection's owner. */
    void http1(Channel ch, boolean full) {
        ChannelPipeline p = ch.pipeline();
        p.addLast(new ResponseEncoder(settings.serverHeader()));
        if (full || !settings.http2().h1()) {
            p.addLast(new ConnectionRefuser(full ? 503 : 505));
            return;
        }
        p.addLast(new StrictRequestDecoder(limits));
        p.addLast(new ConnectionHandler(app, handlers, stats, log, settings.keepalive(), forwarded));
    }

    /** Serves HTTP/2 on {@code ch}. */
    void http2(Channel ch, boolean full) {
        h2.install(ch, full);
    }
}
