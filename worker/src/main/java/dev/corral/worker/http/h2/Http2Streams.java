package dev.corral.worker.http.h2;

import dev.corral.worker.http.ServingStats;
import dev.corral.worker.http.call.Application;
import dev.corral.worker.http.call.Closing;
import dev.corral.worker.http.call.Exchange;
import dev.corral.worker.http.call.LeaderFollowers;
import dev.corral.worker.http.conn.AppRequests;
import dev.corral.worker.http.conn.ExchangeLog;
import dev.corral.worker.http.conn.KeepAliveTimer;
import dev.corral.worker.http.conn.PeerCertificates;
import dev.corral.worker.http.parse.DecodedRequest;
import dev.corral.worker.http.parse.Http2RequestDecoder;
import dev.corral.worker.http.parse.RequestLimits;
import dev.corral.worker.http.wire.Http2ResponseEncoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http2.Http2FrameCodec;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The streams of one HTTP/2 connection: each new stream gets its encoder, decoder and owner,
 * and they share what belongs to the connection (the client and scheme, the client's
 * certificates, whether it is closing, its keep-alive wait). Event loop only, like the connection.
 */
final class Http2Streams extends ChannelInitializer<Channel> implements KeepAliveTimer.Owner {
    private final Http2Protocol protocol;
    private final Channel connection;
    private final Http2FrameCodec codec;
    private final AppRequests requests;
    private final Closing closing = new Closing();
    private final PeerCertificates certificates;
    private final KeepAliveTimer keepAlive;

    /** @param keepaliveSeconds how long the connection may stay without an open stream; 0 for ever */
    Http2Streams(Http2Protocol protocol, Channel connection, Http2FrameCodec codec, int keepaliveSeconds) {
        this.protocol = protocol;
        this.connection = connection;
        this.codec = codec;
        this.requests = new AppRequests(protocol.forwarded());
        this.certificates = new PeerCertificates(connection);
        this.keepAlive = keepaliveSeconds > 0 ? new KeepAliveTimer(TimeUnit.SECONDS.toNanos(keepaliveSeconds), this) : null;
        if (keepAlive != null) {
            keepAlive.start(connection);
            connection.closeFuture().addListener(f -> keepAlive.stop());
        }
    }

    /** A stream was answered at {@code nanos}: the connection's wait for the next starts there. */
    void answeredAt(long nanos) {
        if (keepAlive != null) {
            keepAlive.activity(nanos);
        }
    }

    // Idle means no open stream: PINGs and SETTINGS do not keep a connection, requests do.
    @Override
    public boolean closeIfIdle() {
        if (codec.connection().numActiveStreams() > 0) {
            return false;
        }
        connection.close();
        return true;
    }

    @Override
    protected void initChannel(Channel stream) {
        stream.pipeline().addLast(new Http2ResponseEncoder(protocol.serverHeader()),
                new Http2RequestDecoder(protocol.limits()), new Http2StreamHandler(this));
    }

    Exchange exchange(DecodedRequest request) {
        return new Exchange(requests.from(request, connection), request.version().text(), true, request.isHead(),
                closing, connection.localAddress() instanceof InetSocketAddress local ? local : null,
                certificates.chain());
    }

    /** From now on, no stream's answer promises more on this connection. */
    void closing() {
        closing.set();
    }

    Application app() {
        return protocol.app();
    }

    ServingStats stats() {
        return protocol.stats();
    }

    LeaderFollowers handlers() {
        return protocol.handlers();
    }

    ExchangeLog log() {
        return protocol.log();
    }

    // Shared by every stream: the same instance is added to each stream's pipeline.
    @Override
    public boolean isSharable() {
        return true;
    }
}
