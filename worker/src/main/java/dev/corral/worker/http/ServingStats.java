package dev.corral.worker.http;

import dev.corral.worker.metrics.RequestFigures;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the heartbeat needs to know about the serving machinery: requests answered, handler
 * threads busy, and when the handler pool and the event loop last moved. Written by handler
 * threads (handler*) and the event loop (the rest), read by the heartbeat thread.
 */
public final class ServingStats {
    // Handler calls started and ended (high 32 bits, wrapping) and running now (low 32) in one
    // word: one atomic add per start and end, and no clock read; the heartbeat thread sees
    // progress as a change of the count between its looks.
    private static final long CALL_STARTED = (1L << 32) + 1;
    private static final long CALL_ENDED = (1L << 32) - 1;

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong handlerCalls = new AtomicLong();
    private final AtomicInteger openConnections = new AtomicInteger();
    private volatile long lastLoopTickNanos = System.nanoTime();
    // Heartbeat thread only: the count it last saw, and since when.
    private long seenCalls;
    private long seenCallsSinceNanos = System.nanoTime();
    private final RequestFigures figures = new RequestFigures();
    private final long quota;
    private final Runnable quotaReached;

    /**
     * @param quota requests after which {@code quotaReached} runs once ({@code max_requests}); 0 for never
     */
    public ServingStats(long quota, Runnable quotaReached) {
        this.quota = quota;
        this.quotaReached = quotaReached;
    }

    public void handlerStarted() {
        handlerCalls.addAndGet(CALL_STARTED);
    }

    public void handlerFinished() {
        handlerCalls.addAndGet(CALL_ENDED);
    }

    public void responseWritten() {
        if (requests.incrementAndGet() == quota) {
            quotaReached.run();
        }
    }

    public void connectionOpened() {
        openConnections.incrementAndGet();
    }

    public void connectionClosed() {
        openConnections.decrementAndGet();
    }

    public void loopTicked() {
        lastLoopTickNanos = System.nanoTime();
    }

    /** The answers' figures for the metrics, since the last heartbeat. */
    public RequestFigures figures() {
        return figures;
    }

    /** Requests answered since the worker started. */
    public long requests() {
        return requests.get();
    }

    /** Connections open now. */
    public int openConnections() {
        return openConnections.get();
    }

    /** Handler threads running application code now. */
    public int busyHandlers() {
        return (int) handlerCalls.get();
    }

    /**
     * Nanoseconds since a handler thread was first seen to have started or finished a request
     * since the look before: as precise as the looks are frequent. Heartbeat thread only.
     */
    public long nanosSinceHandlerProgress() {
        long calls = handlerCalls.get() >>> 32;
        long now = System.nanoTime();
        if (calls != seenCalls) {
            seenCalls = calls;
            seenCallsSinceNanos = now;
        }
        return now - seenCallsSinceNanos;
    }

    /** Nanoseconds since the event loop last ran its tick task. */
    public long nanosSinceLoopTick() {
        return System.nanoTime() - lastLoopTickNanos;
    }
}
