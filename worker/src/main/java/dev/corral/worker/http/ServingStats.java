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
    private final AtomicLong requests = new AtomicLong();
    private final AtomicInteger busyHandlers = new AtomicInteger();
    private final AtomicInteger openConnections = new AtomicInteger();
    private volatile long lastHandlerProgressNanos = System.nanoTime();
    private volatile long lastLoopTickNanos = System.nanoTime();
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
        busyHandlers.incrementAndGet();
        lastHandlerProgressNanos = System.nanoTime();
    }

    public void handlerFinished() {
        busyHandlers.decrementAndGet();
        lastHandlerProgressNanos = System.nanoTime();
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
        return busyHandlers.get();
    }

    /** Nanoseconds since a handler thread last started or finished a request. */
    public long nanosSinceHandlerProgress() {
        return System.nanoTime() - lastHandlerProgressNanos;
    }

    /** Nanoseconds since the event loop last ran its tick task. */
    public long nanosSinceLoopTick() {
        return System.nanoTime() - lastLoopTickNanos;
    }
}
