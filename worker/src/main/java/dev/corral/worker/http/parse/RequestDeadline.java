package dev.corral.worker.http.parse;

import io.netty.channel.ChannelHandlerContext;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One moving deadline per connection (head or body timeout). Re-arming only moves a number:
 * at most one timer task is scheduled, and when it fires early it schedules itself for the
 * rest, so a body arriving in many small reads does not schedule a task per read; only a
 * deadline earlier than the timer's (a body_timeout shorter than header_timeout) moves the
 * timer. Event loop only, like the decoder that owns it.
 */
final class RequestDeadline {
    private final Consumer<ChannelHandlerContext> onExpiry;
    private long deadlineNanos;
    private ScheduledFuture<?> timer;
    private long timerAtNanos;

    RequestDeadline(Consumer<ChannelHandlerContext> onExpiry) {
        this.onExpiry = onExpiry;
    }

    /** Expires {@code nanos} from now (0: never). Event loop only. */
    void arm(ChannelHandlerContext ctx, long nanos) {
        if (nanos <= 0) {
            disarm();
            return;
        }
        deadlineNanos = System.nanoTime() + nanos;
        if (timer != null && deadlineNanos - timerAtNanos < 0) {
            timer.cancel(false);
            timer = null;
        }
        if (timer == null) {
            schedule(ctx, nanos);
        }
    }

    /**
     * Stops the deadline. The timer task stays scheduled and finds nothing to do: cancelling
     * and rescheduling it for every keep-alive request would cost more than one idle wake-up.
     */
    void disarm() {
        deadlineNanos = 0;
    }

    /** Cancels the timer for good (the connection is gone). */
    void cancel() {
        deadlineNanos = 0;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void schedule(ChannelHandlerContext ctx, long nanos) {
        timerAtNanos = System.nanoTime() + nanos;
        timer = ctx.executor().schedule(() -> check(ctx), nanos, TimeUnit.NANOSECONDS);
    }

    private void check(ChannelHandlerContext ctx) {
        timer = null;
        if (deadlineNanos == 0) {
            return;
        }
        long left = deadlineNanos - System.nanoTime();
        if (left > 0) {
            schedule(ctx, left);
        } else {
            deadlineNanos = 0;
            onExpiry.accept(ctx);
        }
    }
}
