package dev.corral.worker.http;

import dev.corral.worker.app.Response;
import dev.corral.worker.http.parse.Rejection;
import dev.corral.worker.http.parse.StrictRequestDecoder;
import dev.corral.worker.log.AccessEntry;
import dev.corral.worker.log.AccessLog;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The per-worker decisions the dispatcher applies to each connection: keep-alive, the Server
 * header, trusted forwarders, the access log, and how a connection is closed (lingering on
 * errors, quietly on drain).
 */
final class ConnectionPolicy {
    // After an error answer the client may still be sending; closing with unread input would
    // reset the connection and could destroy the answer before the client reads it.
    private static final long LINGER_MILLIS = 2000;
    private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final boolean keepAliveAllowed;
    private final boolean serverHeader;
    private final ForwardedRule forwarded;
    private final AccessLog accessLog;

    ConnectionPolicy(boolean keepAliveAllowed, boolean serverHeader, ForwardedRule forwarded, AccessLog accessLog) {
        this.keepAliveAllowed = keepAliveAllowed;
        this.serverHeader = serverHeader;
        this.forwarded = forwarded;
        this.accessLog = accessLog;
    }

    boolean keepAliveAllowed() {
        return keepAliveAllowed;
    }

    boolean serverHeader() {
        return serverHeader;
    }

    ForwardedRule forwarded() {
        return forwarded;
    }

    void log(RequestDispatcher.Exchange exchange, Response response, long bodyLength) {
        if (accessLog == null) {
            return;
        }
        var r = exchange.request();
        InetSocketAddress remote = r.remoteAddress();
        accessLog.log(new AccessEntry(remote == null ? "-" : remote.getAddress().getHostAddress(), r.method(),
                r.uri(), exchange.protocol(), response.status(), bodyLength,
                r.headers(), response.headers(), exchange.startMillis(), System.nanoTime() - exchange.startNanos()));
    }

    /**
     * Logs a request the decoder refused, as nginx does: the status sent, and the request line
     * when it was understood ({@code "-"} otherwise). Its header fields are not trusted, so the
     * peer's address is logged even behind a trusted proxy.
     */
    void logRejected(Channel channel, Rejection rejection, int bodyLength) {
        if (accessLog == null || !rejection.requestStarted()) {
            return;
        }
        String remote = channel.remoteAddress() instanceof InetSocketAddress inet
                ? inet.getAddress().getHostAddress() : "-";
        accessLog.log(new AccessEntry(remote, rejection.method(), rejection.target(), rejection.protocol(),
                rejection.status().code(), bodyLength, List.of(), List.of(), System.currentTimeMillis(), 0));
    }

    /** Half-closes once {@code write} is sent, then closes when the client does or after a linger. */
    static void closeAfter(ChannelFuture write) {
        write.addListener(f -> {
            Channel ch = write.channel();
            if (ch instanceof DuplexChannel duplex && ch.isActive() && !duplex.isInputShutdown()) {
                duplex.shutdownOutput();
                var linger = ch.eventLoop().schedule(() -> ch.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
                ch.closeFuture().addListener(closed -> linger.cancel(false));
            } else {
                ch.close();
            }
        });
    }

    /**
     * Closes once {@code write} is sent, without lingering: for a client that asked to close and
     * sent nothing after its request, so no unread input can turn the close into a reset. It
     * spares a connection-per-request client a half-close, a timer and an error on each close.
     */
    static void closeAfterLast(ChannelFuture write) {
        write.addListener(f -> write.channel().close());
    }

    /**
     * On drain: closes the connection once nothing is in flight and no byte arrived for 200 ms,
     * so that a request already on the wire is answered (with Connection: close), not cut off.
     */
    void closeWhenQuiet(ChannelHandlerContext ctx, StrictRequestDecoder decoder, BooleanSupplier idle) {
        if (!ctx.channel().isActive() || !idle.getAsBoolean()) {
            return; // the response in flight will close it
        }
        long quietFor = decoder.nanosSinceLastRead();
        if (quietFor >= QUIET_NANOS && decoder.betweenRequests()) {
            ctx.close();
        } else {
            long wait = Math.max(QUIET_NANOS - quietFor, TimeUnit.MILLISECONDS.toNanos(20));
            ctx.executor().schedule(() -> closeWhenQuiet(ctx, decoder, idle), wait, TimeUnit.NANOSECONDS);
        }
    }
}
