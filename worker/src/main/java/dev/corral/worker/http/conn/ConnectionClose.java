package dev.corral.worker.http.conn;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DuplexChannel;
import java.util.concurrent.TimeUnit;

/** The two ways a connection ends after its last answer. Event loop only. */
final class ConnectionClose {
    // After an error answer the client may still be sending; closing with unread input would
    // reset the connection and could destroy the answer before the client reads it.
    private static final long LINGER_MILLIS = 2000;

    private ConnectionClose() {
    }

    /** Half-closes once {@code write} is sent, then closes when the client does or after a linger. */
    static void lingering(ChannelFuture write) {
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
    static void quietly(ChannelFuture write) {
        write.addListener(f -> write.channel().close());
    }
}
