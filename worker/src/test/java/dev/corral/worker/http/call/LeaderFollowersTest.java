package dev.corral.worker.http.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.epoll.EpollIoHandler;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class LeaderFollowersTest {

    private static LeaderFollowers team(int threads) {
        return new LeaderFollowers(threads, EpollIoHandler.newFactory(), LeaderFollowersTest.class.getClassLoader());
    }

    @Test
    void everyCallQueuedOnTheLoopRunsExactlyOnceAndItsAnswerRunsOnTheLoop() throws Exception {
        LeaderFollowers team = team(3);
        int calls = 20_000;
        AtomicIntegerArray runs = new AtomicIntegerArray(calls);
        AtomicInteger offLoop = new AtomicInteger();
        CountDownLatch answered = new CountDownLatch(calls);
        // In bursts, as a loop reads them, with pauses so that the team goes idle between bursts.
        for (int burst = 0; burst < calls / 100; burst++) {
            int first = burst * 100;
            team.loop().execute(() -> {
                for (int i = first; i < first + 100; i++) {
                    int n = i;
                    team.call(() -> {
                        runs.incrementAndGet(n);
                        // As a Reply does: the answer goes back to the loop as a task.
                        team.loop().execute(() -> {
                            if (!team.loop().inEventLoop()) {
                                offLoop.incrementAndGet();
                            }
                            answered.countDown();
                        });
                    });
                }
            });
            if (burst % 20 == 0) {
                Thread.sleep(1);
            }
        }
        assertTrue(answered.await(20, TimeUnit.SECONDS), "answers left: " + answered.getCount());
        for (int i = 0; i < calls; i++) {
            assertEquals(1, runs.get(i), "runs of call " + i);
        }
        assertEquals(0, offLoop.get(), "answers run by a thread that was not driving the loop");
    }

    @Test
    void aCallThatBlocksDoesNotStopTheLoopEvenWithOneThread() throws Exception {
        LeaderFollowers team = team(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocking = new CountDownLatch(1);
        team.loop().execute(() -> team.call(() -> {
            blocking.countDown();
            awaitQuietly(release);
        }));
        try {
            assertTrue(blocking.await(5, TimeUnit.SECONDS));
            // The loop's own work (I/O, timers, answers) goes on while the only call slot is taken.
            CountDownLatch ran = new CountDownLatch(1);
            long start = System.nanoTime();
            team.loop().execute(ran::countDown);
            assertTrue(ran.await(5, TimeUnit.SECONDS), "the loop stopped while a call blocked");
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(tookMillis < 100, "the loop was taken over only after " + tookMillis + " ms");
            CountDownLatch scheduled = new CountDownLatch(1);
            team.loop().schedule(scheduled::countDown, 10, TimeUnit.MILLISECONDS);
            assertTrue(scheduled.await(5, TimeUnit.SECONDS), "a timer did not fire while a call blocked");
        } finally {
            release.countDown();
        }
    }

    @Test
    void aBlockedCallDoesNotHoldUpTheNextWhileAnotherThreadIsFree() throws Exception {
        LeaderFollowers team = team(2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch quickDone = new CountDownLatch(1);
        team.loop().execute(() -> {
            team.call(() -> awaitQuietly(release));
            team.call(quickDone::countDown);
        });
        try {
            assertTrue(quickDone.await(5, TimeUnit.SECONDS), "the quick call waited for the blocked one");
        } finally {
            release.countDown();
        }
    }

    @Test
    void noMoreThanThreadsCallsRunAtOnceAndTheRestRunWhenOneEnds() throws Exception {
        LeaderFollowers team = team(2);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(5);
        team.loop().execute(() -> {
            for (int i = 0; i < 5; i++) {
                team.call(() -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    awaitQuietly(release);
                    running.decrementAndGet();
                    done.countDown();
                });
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (running.get() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        // Then long enough for many more rescues (each within a few milliseconds): none may start a third.
        Thread.sleep(100);
        assertEquals(2, most.get(), "calls running at once with threads = 2");
        assertFalse(done.await(0, TimeUnit.SECONDS));
        release.countDown();
        assertTrue(done.await(5, TimeUnit.SECONDS), "calls left: " + done.getCount());
        assertEquals(2, most.get());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
