package dev.corral.master.supervisor;

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
    static final List<String> HANDLED = List.of("TERM", "INT", "HUP", "TTIN", "TTOU", "USR1");

    private Signals() {
    }

    @SuppressWarnings("sunapi")
    static void install(Consumer<Event> events) {
        for (String name : HANDLED) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> events.accept(new Event.Signal(name)));
            } catch (IllegalArgumentException unavailable) {
                LOG.warn("Cannot handle SIG{} here: {}", name, unavailable.getMessage());
            }
        }
    }
}
