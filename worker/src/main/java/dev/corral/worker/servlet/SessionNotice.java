package dev.corral.worker.servlet;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says once per worker, when the application makes its first session, that sessions stay in
 * this worker: with more than one worker, a client's next request may reach another one. Any
 * handler thread.
 */
final class SessionNotice {
    private static final Logger LOG = LoggerFactory.getLogger(SessionNotice.class);
    private static final AtomicBoolean SAID = new AtomicBoolean();
    private static volatile int workers = 1;

    private SessionNotice() {
    }

    static void workers(int count) {
        workers = count;
    }

    static void firstSession() {
        if (workers > 1 && SAID.compareAndSet(false, true)) {
            LOG.warn("The application uses HTTP sessions, kept in each worker's memory: with {} workers a client's"
                    + " session is lost when its next request reaches another worker. Keep sessions in an"
                    + " external store (e.g. Spring Session with Redis or JDBC), or run 1 worker.", workers);
        }
    }
}
