package dev.corral.worker.control;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * Every thread's whole stack, with the locks each holds and waits for, in jstack's shape, and
 * the deadlocked threads named first: what a user needs to see why a worker hung. Written on
 * the control thread, which a stuck event loop or stuck handler threads do not hold up.
 * ({@link ThreadInfo#toString()} would cut each stack at eight frames.)
 */
public final class ThreadDump {
    private ThreadDump() {
    }

    /** This JVM's threads, now. */
    public static String capture() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        StringBuilder out = new StringBuilder(8192);
        long[] deadlocked = threads.findDeadlockedThreads();
        if (deadlocked != null) {
            out.append("Deadlock between:");
            for (ThreadInfo t : threads.getThreadInfo(deadlocked)) {
                if (t != null) { // a thread that ended meanwhile
                    out.append(" \"").append(t.getThreadName()).append('"');
                }
            }
            out.append("\n\n");
        }
        for (ThreadInfo t : threads.dumpAllThreads(true, true)) {
            append(out, t);
        }
        return out.toString().stripTrailing();
    }

    // As jstack and a stack trace print it, without the class loader's name in front.
    private static String frame(StackTraceElement e) {
        String where = e.isNativeMethod() ? "Native Method"
                : e.getFileName() == null ? "Unknown Source"
                : e.getLineNumber() >= 0 ? e.getFileName() + ":" + e.getLineNumber() : e.getFileName();
        return e.getClassName() + "." + e.getMethodName() + "(" + where + ")";
    }

    private static void append(StringBuilder out, ThreadInfo t) {
        out.append('"').append(t.getThreadName()).append("\" #").append(t.getThreadId())
                .append(t.isDaemon() ? " daemon" : "").append(' ').append(t.getThreadState());
        if (t.getLockName() != null) {
            out.append(" on ").append(t.getLockName());
            if (t.getLockOwnerName() != null) {
                out.append(" owned by \"").append(t.getLockOwnerName()).append('"');
            }
        }
        out.append('\n');
        StackTraceElement[] stack = t.getStackTrace();
        for (int i = 0; i < stack.length; i++) {
            out.append("\tat ").append(frame(stack[i])).append('\n');
            for (MonitorInfo m : t.getLockedMonitors()) {
                if (m.getLockedStackDepth() == i) {
                    out.append("\t- locked ").append(m).append('\n');
                }
            }
        }
        for (LockInfo l : t.getLockedSynchronizers()) {
            out.append("\t- locked ").append(l).append('\n');
        }
        out.append('\n');
    }
}
