package dev.corral.master.supervisor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gunicorn's signals, turned into events. A handler only enqueues: every decision is the
 * supervision loop's. QUIT is the JVM's own (a thread dump) and cannot be taken over.
 */
final class Signals {
    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);
    static final List<String> HANDLED = List.of("TERM", "INT", "HUP", "TTIN", "TTOU", "USR1", "WINCH");
    // Where HotSpot suspends threads unless _JAVA_SR_SIGNUM moves it (the launcher does).
    private static final String JVM_SUSPEND_SIGNAL = "12";

    private Signals() {
    }

    @SuppressWarnings("sunapi")
    static void install(Consumer<Event> events) {
        List<String> names = new ArrayList<>(HANDLED);
        // Taking USR2 from a JVM that still suspends threads with it would break the JVM.
        if (usr2IsFree(System.getenv("_JAVA_SR_SIGNUM"))) {
            names.add("USR2");
        }
        for (String name : names) {
            try {
                var previous = sun.misc.Signal.handle(new sun.misc.Signal(name), s -> events.accept(new Event.Signal(name)));
                if (previous == sun.misc.SignalHandler.SIG_IGN) {
                    // The JVM keeps a shutdown signal that was ignored at its start ignored.
                    LOG.warn("SIG{} was ignored when Corral started, and the JVM keeps it so; "
                            + "scripts/corral reload and stop still work", name);
                }
            } catch (IllegalArgumentException unavailable) {
                LOG.warn("Cannot handle SIG{} here: {}", name, unavailable.getMessage());
            }
        }
    }

    static boolean usr2IsFree(String suspendSignal) {
        return suspendSignal != null && suspendSignal.trim().matches("\\d+")
                && !suspendSignal.trim().equals(JVM_SUSPEND_SIGNAL);
    }
}
