package dev.corral.worker.control;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThreadDumpTest {
    private static final Object FIRST = new Object();
    private static final Object SECOND = new Object();

    @Test
    void showsEveryFrameAndTheHeldLockAndNamesADeadlock() throws Exception {
        CountDownLatch bothHold = new CountDownLatch(2);
        Thread a = deadlocking("dump-test-a", FIRST, SECOND, bothHold);
        Thread b = deadlocking("dump-test-b", SECOND, FIRST, bothHold);
        a.start();
        b.start();
        assertTrue(bothHold.await(5, TimeUnit.SECONDS));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String dump = ThreadDump.capture();
        while (!dump.startsWith("Deadlock between:") && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            dump = ThreadDump.capture();
        }
        assertTrue(dump.startsWith("Deadlock between:") && dump.lines().findFirst().orElse("").contains("\"dump-test-a\""),
                dump);
        assertTrue(dump.contains("\"dump-test-a\" #" + a.getId() + " daemon BLOCKED on java.lang.Object@"), dump);
        assertTrue(dump.contains("owned by \"dump-test-b\""), dump);
        assertTrue(dump.contains("\tat dev.corral.worker.control.ThreadDumpTest.lambda$deadlocking$0(ThreadDumpTest.java:"),
                dump);
        assertTrue(dump.contains("\t- locked java.lang.Object@"), dump);
    }

    // Holds one lock and waits forever for the other: daemon threads, gone with the test JVM.
    private static Thread deadlocking(String name, Object mine, Object theirs, CountDownLatch bothHold) {
        Thread t = new Thread(() -> {
            synchronized (mine) {
                bothHold.countDown();
                try {
                    bothHold.await();
                } catch (InterruptedException e) {
                    return;
                }
                synchronized (theirs) {
                    Thread.onSpinWait();
                }
            }
        }, name);
        t.setDaemon(true);
        return t;
    }
}
