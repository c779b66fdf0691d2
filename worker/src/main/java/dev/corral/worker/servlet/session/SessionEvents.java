package dev.corral.worker.servlet.session;

import jakarta.servlet.http.HttpSession;

/**
 * What happens to sessions, for the bridge to tell the application's
 * {@code HttpSessionListener}, {@code HttpSessionAttributeListener} and
 * {@code HttpSessionIdListener}s. Called on the thread that caused the event (a handler thread,
 * or the one running {@link SessionStore#sweep()}), after the change and outside any lock; an
 * exception thrown here reaches the caller of the method that caused it, after the session's
 * state is consistent (see {@link StoredSession#invalidate()}). Every method does nothing
 * unless overridden.
 */
public interface SessionEvents {
    /** {@code s} was created and is in the store. */
    default void created(HttpSession s) {
    }

    /**
     * {@code s} is about to be invalidated (by the application or by timing out): it still
     * works, attributes included (Servlet's {@code sessionDestroyed} is "about to be").
     */
    default void destroyed(HttpSession s) {
    }

    /** {@code name} was bound to {@code value}, where it had no value. */
    default void attributeAdded(HttpSession s, String name, Object value) {
    }

    /**
     * {@code name} was bound to a new value; {@code value} is the old one, as
     * {@code HttpSessionBindingEvent.getValue()} has it for a replacement.
     */
    default void attributeReplaced(HttpSession s, String name, Object value) {
    }

    /** {@code name}, bound to {@code value}, was removed (also when the session was invalidated). */
    default void attributeRemoved(HttpSession s, String name, Object value) {
    }

    /** {@code s} has a new id; {@code oldId} was its id before. */
    default void idChanged(HttpSession s, String oldId) {
    }

    /** Events nobody listens to. */
    static SessionEvents none() {
        return new SessionEvents() {
        };
    }
}
