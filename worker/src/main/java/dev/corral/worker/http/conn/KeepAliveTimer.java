package dev.corral.worker.http.conn;

import io.netty.channel.ChannelHandlerContext;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the wait between requests on an HTTP/1.x connection ({@code keepalive}): one timer per
 * connection, re-armed only when it fires, against the time of the last answer, so that the
 * requests themselves arm nothing (Netty's {@code IdleStateHandler} sat in the pipeline and
 * took the clock on every read and write). A request under way has its own header and body
 * timeouts, and an answer owed keeps the connection open; its owner says which. Event loop only.
 */
final class KeepAliveTimer {
    /** What the connection's owner does when the timer fires. */
    interface Owner {
        /** Closes the connection if it is between requests and owes no answer; true if it did. */
        boolean closeIfIdle();
    }

    private final long keepaliveNanos;
    private final Owner owner;
    private ChannelHandlerContext ctx;
    private long lastActivityNanos;
    private ScheduledFuture<?> timer;

    KeepAliveTimer(long keepaliveNanos, Owner owner) {
        this.keepaliveNanos = keepaliveNanos;
        this.owner = owner;
    }

    void start(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        lastActivityNanos = System.nanoTime();
        arm(keepaliveNanos);
    }

    /** An answer went out at {@code nanos}: the wait for the next request starts there. */
    void activity(long nanos) {
        lastActivityNanos = nanos;
    }

    void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void arm(long nanos) {
        timer = ctx.executor().schedule(this::fire, nanos, TimeUnit.NANOSECONDS);
    }

    private void fire() {
        timer = null;
        if (!ctx.channel().isActive()) {
            return;
        }
        long quietFor = System.nanoTime() - lastActivityNanos;
        if (quietFor < keepaliveNanos) {
            arm(keepaliveNanos - quietFor);
        } else if (!owner.closeIfIdle()) {
            arm(keepaliveNanos);
        }
    }
}
