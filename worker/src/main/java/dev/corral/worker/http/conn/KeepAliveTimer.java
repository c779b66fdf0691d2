package dev.corral.worker.http.conn;

import io.netty.channel.Channel;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the wait between requests on a connection ({@code keepalive}): an HTTP/1.x connection
 * between requests, an HTTP/2 one without an open stream. One timer per connection, re-armed
 * only when it fires, against the time of the last answer, so that the requests themselves arm
 * nothing (Netty's {@code IdleStateHandler} sat in the pipeline and took the clock on every read
 * and write, every frame for HTTP/2). A request under way has its own header and body timeouts,
 * and an answer owed keeps the connection open; its owner says which. Event loop only.
 */
public final class KeepAliveTimer {
    /** What the connection's owner does when the timer fires. */
    public interface Owner {
        /** Closes the connection if it is between requests and owes no answer; true if it did. */
        boolean closeIfIdle();
    }

    private final long keepaliveNanos;
    private final Owner owner;
    private Channel channel;
    private long lastActivityNanos;
    private ScheduledFuture<?> timer;

    /** @param keepaliveNanos how long a connection may wait for its next request */
    public KeepAliveTimer(long keepaliveNanos, Owner owner) {
        this.keepaliveNanos = keepaliveNanos;
        this.owner = owner;
    }

    /** Starts the wait for the first request on {@code channel}, registered on its loop. */
    public void start(Channel channel) {
        this.channel = channel;
        lastActivityNanos = System.nanoTime();
        arm(keepaliveNanos);
    }

    /** An answer went out at {@code nanos}: the wait for the next request starts there. */
    public void activity(long nanos) {
        lastActivityNanos = nanos;
    }

    /** The connection is gone. */
    public void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void arm(long nanos) {
        timer = channel.eventLoop().schedule(this::fire, nanos, TimeUnit.NANOSECONDS);
    }

    private void fire() {
        timer = null;
        if (!channel.isActive()) {
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
