package dev.corral.worker.http.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HandlerPoolTest {
    private final EventLoop loop = new DefaultEventLoop();

    @AfterEach
    void stopLoop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Test
    void everyTaskQueuedFromTheLoopRunsExactlyOnce() throws Exception {
        HandlerPool pool = new HandlerPool(3, HandlerPoolTest.class.getClassLoader());
        int tasks = 20_000;
        AtomicIntegerArray runs = new AtomicIntegerArray(tasks);
        CountDownLatch done = new CountDownLatch(tasks);
        // In bursts, as a loop reads them, with pauses so that handler threads go idle between bursts.
        for (int burst = 0; burst < tasks / 100; burst++) {
            int first = burst * 100;
            loop.execute(() -> {
                for (int i = first; i < first + 100; i++) {
                    int n = i;
                    pool.execute(() -> {
                        runs.incrementAndGet(n);
                        done.countDown();
                    }, loop);
                }
            });
            if (burst % 20 == 0) {
                Thread.sleep(1);
            }
        }
        assertTrue(done.await(20, TimeUnit.SECONDS), "tasks left: " + done.getCount());
        for (int i = 0; i < tasks; i++) {
            assertEquals(1, runs.get(i), "runs of task " + i);
        }
    }

    @Test
    void aBlockedTaskDoesNotHoldUpTheNextWhileAnotherThreadIsFree() throws Exception {
        HandlerPool pool = new HandlerPool(2, HandlerPoolTest.class.getClassLoader());
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch quickDone = new CountDownLatch(1);
        loop.execute(() -> {
            pool.execute(() -> awaitQuietly(release), loop);
            pool.execute(quickDone::countDown, loop);
        });
        try {
            assertTrue(quickDone.await(5, TimeUnit.SECONDS), "the quick task waited for the blocked one");
        } finally {
            release.countDown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
