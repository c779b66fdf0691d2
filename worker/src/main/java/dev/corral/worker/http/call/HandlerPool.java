package dev.corral.worker.http.call;

import io.netty.channel.EventLoop;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code threads} handler threads that run application code. An event loop queues each
 * request it reads but wakes idle handler threads only once per loop iteration, after it has
 * read everything the kernel had for it: waking a parked thread costs a futex call on each
 * side, and doing that per request cost more CPU than a hello-world handler itself.
 * Any free thread takes the next request, so a slow request never holds up a quick one while
 * another thread is idle. {@link #execute} runs on event loops; the tasks on the handler threads.
 */
public final class HandlerPool {
    private static final Logger LOG = LoggerFactory.getLogger(HandlerPool.class);

    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final ConcurrentLinkedDeque<Thread> idle = new ConcurrentLinkedDeque<>();
    private final AtomicBoolean wakePending = new AtomicBoolean();

    /**
     * @param appLoader the application's class loader, the threads' context loader: frameworks
     *     find their services and resources through it
     */
    public HandlerPool(int threads, ClassLoader appLoader) {
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::serve, "corral-handler-" + (i + 1));
            t.setContextClassLoader(appLoader);
            t.setDaemon(true);
            t.start();
        }
    }

    /** Queues {@code task}; called on {@code loop}, which wakes a handler when its iteration ends. */
    public void execute(Runnable task, EventLoop loop) {
        queue.offer(task);
        queued.incrementAndGet();
        // Offer before the flag: a wake that clears the flag after this looks at the queue after it.
        if (wakePending.compareAndSet(false, true)) {
            loop.execute(this::wakeIdle);
        }
    }

    private void wakeIdle() {
        wakePending.set(false);
        int waiting = queued.get();
        Thread t;
        while (waiting-- > 0 && (t = idle.pollFirst()) != null) {
            LockSupport.unpark(t);
        }
    }

    private void serve() {
        Thread self = Thread.currentThread();
        while (true) {
            Runnable task = queue.poll();
            if (task != null) {
                queued.decrementAndGet();
                runQuietly(task);
                continue;
            }
            idle.addFirst(self);
            // A request queued between the poll and the line above found no idle thread to wake.
            if (!queue.isEmpty() && idle.removeFirstOccurrence(self)) {
                continue;
            }
            // Returns early when a wake came before it (unpark leaves a permit): then it looks again.
            LockSupport.park(this);
            idle.removeFirstOccurrence(self);
        }
    }

    // Tasks handle the application's failures themselves; anything else must not cost the pool a thread.
    private static void runQuietly(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | StackOverflowError e) {
            LOG.error("Handler task failed", e);
        }
    }
}
