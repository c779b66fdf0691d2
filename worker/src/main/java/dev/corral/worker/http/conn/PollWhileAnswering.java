package dev.corral.worker.http.conn;

import io.netty.channel.SelectStrategy;
import io.netty.channel.SelectStrategyFactory;
import io.netty.util.IntSupplier;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * How an event loop waits for I/O: while requests it handed to handler threads are still being
 * answered, it polls epoll without blocking for a few tens of microseconds instead of going to
 * sleep. A hello-world answer comes back within that time, and a loop that had gone to sleep
 * would cost an eventfd write, a wake-up and two context switches per batch of requests, which
 * on a small VM is more CPU than the request itself. Slow answers (a handler that blocks) end
 * the polling and the loop sleeps as usual.
 */
public final class PollWhileAnswering implements SelectStrategy {
    private static final long POLL_NANOS = 50_000;
    private static final FastThreadLocal<PollWhileAnswering> OF_THIS_LOOP = new FastThreadLocal<>();

    // Touched only by the loop's own thread.
    private int awaiting;
    private long pollingSince;
    private boolean known;

    public static SelectStrategyFactory factory() {
        return PollWhileAnswering::new;
    }

    /** Called on an event loop when it hands a request to a handler thread. */
    static void handedOff() {
        PollWhileAnswering strategy = OF_THIS_LOOP.getIfExists();
        if (strategy != null) {
            strategy.awaiting++;
        }
    }

    /** Called on an event loop when an answer came back from a handler thread. */
    static void answered() {
        PollWhileAnswering strategy = OF_THIS_LOOP.getIfExists();
        if (strategy != null && strategy.awaiting > 0) {
            strategy.awaiting--;
            strategy.pollingSince = 0; // progress: the next wait may poll again
        }
    }

    @Override
    public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
        if (!known) {
            OF_THIS_LOOP.set(this);
            known = true;
        }
        if (hasTasks) {
            return selectNow.get();
        }
        if (awaiting > 0) {
            long now = System.nanoTime();
            if (pollingSince == 0) {
                pollingSince = now;
            }
            if (now - pollingSince < POLL_NANOS) {
                return selectNow.get();
            }
        }
        return SelectStrategy.SELECT;
    }
}
