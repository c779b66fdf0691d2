package dev.corral.worker.http.conn;

import dev.corral.worker.app.Request;
import dev.corral.worker.http.parse.DecodedRequest;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Turns the decoded requests of one connection into the application's {@link Request}s, with the
 * client address and scheme a trusted forwarder gave. Event loop only, like its connection.
 */
public final class AppRequests {
    private final ForwardedRule forwarded;
    private Boolean trustedPeer;
    private Boolean secure;

    public AppRequests(ForwardedRule forwarded) {
        this.forwarded = forwarded;
    }

    /** The application's request for {@code request}, received on {@code channel} (the TCP connection). */
    public Request from(DecodedRequest request, Channel channel) {
        InetSocketAddress peer = channel.remoteAddress() instanceof InetSocketAddress inet ? inet : null;
        if (trustedPeer == null) {
            // The peer of a connection never changes: ask the rule once, not per request.
            trustedPeer = forwarded.trustsPeerOf(channel);
        }
        // Behind a PROXY-protocol load balancer, the client it named.
        InetSocketAddress proxied = ProxyProtocol.client(channel);
        InetSocketAddress client = proxied != null ? proxied : peer;
        // Corral's own TLS: https, whatever a header says.
        if (secure == null) {
            secure = channel.pipeline().get(SslHandler.class) != null;
        }
        String scheme = secure ? "https" : "http";
        if (trustedPeer) {
            client = ForwardedRule.client(request.headers().get("X-Forwarded-For"), client);
            scheme = secure ? scheme : ForwardedRule.scheme(request.headers().get("X-Forwarded-Proto"), scheme);
        }
        return new Request(request.method(), request.target(), headers(request),
                ByteBufUtil.getBytes(request.body()), client, scheme);
    }

    // An immutable list straight from an array: Request's defensive copy then copies nothing.
    private static List<Map.Entry<String, String>> headers(DecodedRequest request) {
        @SuppressWarnings("unchecked")
        Map.Entry<String, String>[] fields = new Map.Entry[request.headers().size()];
        int i = 0;
        for (var it = request.headers().iteratorAsString(); it.hasNext() && i < fields.length; ) {
            var e = it.next();
            fields[i++] = Map.entry(e.getKey(), e.getValue());
        }
        return List.of(i == fields.length ? fields : Arrays.copyOf(fields, i));
    }
}
