package dev.corral.worker.http.call;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ManualIoEventLoop;
import java.lang.reflect.Field;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's {@code threads + 1} threads and the one event loop they take turns to drive
 * (leader/followers). The leader drives the loop; when the loop has read requests and fewer than
 * {@code threads} calls are running, the leader lets go of the loop and runs them itself, then
 * takes the loop back. A quick answer therefore never crosses threads, which is what a hand-off
 * to a separate handler thread costs (a wake-up on each side, about as much CPU as a hello-world
 * request itself). A call that takes longer than {@link #RESCUE_NANOS} does not hold up anyone:
 * the rescuer, a follower that checks on the loop while it is let go, takes it over and leads, so
 * the loop is not undriven for much longer than that while application code runs (within
 * {@link #QUIET_CHECK_NANOS} for an application none of whose calls has lately blocked). At most
 * {@code threads} calls run at once, as before, and there is always a thread left to lead.
 * While all {@code threads} are in calls, the leader stops accepting new connections, so that the
 * kernel hands them to a worker with a free thread (Gunicorn's sync workers, which accept only
 * when idle, share one queue the same way).
 *
 * <p>{@link #call} runs on the event loop (whichever thread drives it); everything else on the
 * team's own threads.
 */
public final class LeaderFollowers {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderFollowers.class);
    /** How long the loop may be let go while a call runs before a follower takes it over. */
    static final long RESCUE_NANOS = 200_000;
    /**
     * How often the rescuer checks while no call has lately held its thread for
     * {@link #BLOCKING_CALL_NANOS}. Each check is a timed wake-up: on a virtual machine (this
     * project's benchmark machine) one every 200 µs cost a hello request about a tenth of its CPU.
     * An application whose calls block gets checks every {@link #RESCUE_NANOS} from its first such
     * call on; that first one may hold the loop this long.
     */
    static final long QUIET_CHECK_NANOS = 2_000_000;
    /**
     * A rescued call that kept its thread this long blocked (a database, a sleep), rather than lost
     * its core for a moment to another process, which is all a rescue of a quick call means.
     */
    static final long BLOCKING_CALL_NANOS = 10_000_000;
    /** How long after a blocking call the rescuer keeps checking every {@link #RESCUE_NANOS}. */
    static final long BLOCKING_RECENT_NANOS = 5_000_000_000L;
    // Rescuer checks in a row that found the loop driven, after which it sleeps until it is needed.
    private static final int CHECKS_BEFORE_SLEEP = 64;
    private static final Runnable NOTHING = () -> { };

    private final ManualIoEventLoop loop;
    private final AtomicReference<Thread> loopOwner;
    // Owns the loop while nobody drives it, so that no thread takes itself for the loop's.
    private final Thread nobody = new Thread(NOTHING, "corral-loop-let-go");
    private final AtomicReference<Thread> driver = new AtomicReference<>();
    private volatile long letGoAt;
    // When a rescued call last turned out to block (read by whichever thread is the rescuer).
    private volatile long blockedAt = System.nanoTime() - BLOCKING_RECENT_NANOS;
    private final AtomicInteger permits;
    private final ConcurrentLinkedQueue<Runnable> calls = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Thread> rescuer = new AtomicReference<>();
    private final AtomicBoolean rescuerAsleep = new AtomicBoolean();
    private final ConcurrentLinkedDeque<Thread> idle = new ConcurrentLinkedDeque<>();
    private volatile Consumer<Boolean> accepting = on -> { };
    // Whether accept is paused: set by the leader, read by threads ending a call.
    private volatile boolean full;

    /**
     * Starts the team. {@code appLoader} is every thread's context class loader: frameworks find
     * their services and resources through it.
     */
    public LeaderFollowers(int threads, IoHandlerFactory io, ClassLoader appLoader) {
        this.loop = new ManualIoEventLoop(null, null, io);
        this.loopOwner = ownerOf(loop);
        this.permits = new AtomicInteger(threads);
        for (int i = 0; i <= threads; i++) {
            Thread t = new Thread(this::serve, "corral-worker-" + (i + 1));
            t.setContextClassLoader(appLoader);
            t.setDaemon(true);
            t.start();
        }
    }

    /** The event loop the team drives: every connection and listener registers on it. */
    public ManualIoEventLoop loop() {
        return loop;
    }

    /**
     * What turns accepting new connections on ({@code true}) and off; run on the loop, off when
     * every thread is in a call, on again when one ends.
     */
    public void onAccepting(Consumer<Boolean> accepting) {
        this.accepting = accepting;
    }

    /** Queues a call into the application; called on the loop, run by a team thread once one is free. */
    public void call(Runnable task) {
        calls.offer(task);
    }

    private void serve() {
        Thread self = Thread.currentThread();
        while (true) {
            if (driver.get() == null && driver.compareAndSet(null, self)) {
                loopOwner.set(self);
                leadAndWork(self);
            } else {
                follow(self);
            }
        }
    }

    // Leads, works, and leads again for as long as the loop is still free when the work is done.
    private void leadAndWork(Thread self) {
        do {
            lead();
        } while (work(self, letGoAt));
    }

    // Drives the loop until it has calls and a permit to run them; returns having let go of it.
    private void lead() {
        while (true) {
            updateAccepting();
            try {
                // Blocks only when there is nothing to do: no I/O, no task (answers of calls are
                // tasks), and no call it could run. A rescuer comes to calls left waiting.
                loop.run(!calls.isEmpty() && permits.get() > 0 ? -1 : 0);
            } catch (Throwable e) {
                LOG.error("Event loop failed", e);
            }
            if (!calls.isEmpty() && take(permits)) {
                letGo();
                return;
            }
        }
    }

    // Before the leader may block: with every thread in a call, it stops accepting first. Full is
    // written before permits are read again, and a call ending writes permits before it reads
    // full, so a permit freed meanwhile is seen here or wakes the leader (work).
    private void updateAccepting() {
        boolean nowFull = permits.get() == 0;
        if (nowFull && !full) {
            full = true;
            if (permits.get() > 0) {
                full = false;
                return;
            }
            accepting.accept(false);
        } else if (!nowFull && full) {
            full = false;
            accepting.accept(true);
        }
    }

    private void letGo() {
        loopOwner.set(nobody);
        letGoAt = System.nanoTime();
        driver.set(null);
        Thread r = rescuer.get();
        if (r != null && rescuerAsleep.get() && rescuerAsleep.compareAndSet(true, false)) {
            LockSupport.unpark(r);
        }
    }

    // Runs calls while there are any, holding one permit; true when it then took the loop back.
    private boolean work(Thread self, long since) {
        Runnable task;
        while ((task = calls.poll()) != null) {
            runQuietly(task);
        }
        permits.incrementAndGet();
        if (driver.compareAndSet(null, self)) {
            loopOwner.set(self);
            return true;
        }
        // The rescuer took the loop over meanwhile.
        long now = System.nanoTime();
        if (now - since >= BLOCKING_CALL_NANOS) {
            blockedAt = now;
        }
        // A leader that found no permit for the calls it read, or that stopped accepting for want
        // of one, waits on the loop: tell it one is free.
        if (full || !calls.isEmpty()) {
            loop.execute(NOTHING);
        }
        return false;
    }

    private void follow(Thread self) {
        if (rescuer.compareAndSet(null, self)) {
            rescue(self);
            return;
        }
        idle.addFirst(self);
        // The rescuer may have left between the two lines above, with no idle thread to call.
        if (rescuer.get() == null && idle.removeFirstOccurrence(self)) {
            return;
        }
        LockSupport.park(this);
        idle.removeFirstOccurrence(self);
    }

    // Checks on the loop while it is let go; takes it over when a call holds it too long.
    private void rescue(Thread self) {
        int driven = 0;
        while (true) {
            if (driver.get() == null) {
                driven = 0;
                if (System.nanoTime() - letGoAt >= RESCUE_NANOS && driver.compareAndSet(null, self)) {
                    rescuer.set(null);
                    Thread next = idle.pollFirst();
                    if (next != null) {
                        LockSupport.unpark(next);
                    }
                    loopOwner.set(self);
                    leadAndWork(self);
                    return;
                }
            } else if (++driven >= CHECKS_BEFORE_SLEEP) {
                // Idle or quick: sleep until the loop is let go again (letGo wakes the rescuer).
                rescuerAsleep.set(true);
                if (driver.get() != null) {
                    LockSupport.park(this);
                }
                rescuerAsleep.set(false);
                driven = 0;
                continue;
            }
            LockSupport.parkNanos(this, checkInterval());
        }
    }

    private long checkInterval() {
        return System.nanoTime() - blockedAt < BLOCKING_RECENT_NANOS ? RESCUE_NANOS : QUIET_CHECK_NANOS;
    }

    private static boolean take(AtomicInteger permits) {
        int n;
        while ((n = permits.get()) > 0) {
            if (permits.compareAndSet(n, n - 1)) {
                return true;
            }
        }
        return false;
    }

    // Calls handle the application's failures themselves; anything else must not cost a thread.
    private static void runQuietly(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | StackOverflowError e) {
            LOG.error("Handler task failed", e);
        }
    }

    // ManualIoEventLoop takes its owning thread once and for all; leader/followers hands it on.
    // Netty is pinned by its BOM, and LeaderFollowersTest fails at once if this field goes.
    @SuppressWarnings("unchecked")
    private static AtomicReference<Thread> ownerOf(ManualIoEventLoop loop) {
        try {
            Field f = ManualIoEventLoop.class.getDeclaredField("owningThread");
            f.setAccessible(true);
            return (AtomicReference<Thread>) f.get(loop);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("This Netty's ManualIoEventLoop cannot hand its thread on", e);
        }
    }
}
