package dev.corral.worker.servlet.session;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One session of a {@link SessionStore}. Used by every request that carries its id, on their
 * handler threads at once, and by the sweep: attributes live in a concurrent map, and a lock of
 * this session alone orders its state changes (access times, invalidation, a new id) and makes
 * a {@code setAttribute} either land before invalidation unbinds everything or fail after it.
 *
 * <p>Invalidation (by the application or by timing out) runs as Tomcat's does: the
 * {@code destroyed} event while the session still works, then removal from the store, then the
 * session is invalid and each attribute is unbound ({@code valueUnbound}, then
 * {@code attributeRemoved}). Every method but {@link #getId()}, the max inactive interval and
 * {@link #getServletContext()} then throws {@link IllegalStateException}, as the Servlet API
 * says. {@link #getId()} does not, as in Tomcat: the listeners told of the unbinding
 * are given this session and commonly log its id.
 */
public final class StoredSession implements HttpSession {
    private enum State { VALID, EXPIRING, INVALID }

    private final SessionStore store;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private final long creationTime;
    private volatile String id;
    private volatile int maxInactiveSeconds;
    // Written under lock; volatile so that the getters need not take it.
    private volatile State state = State.VALID;
    private volatile boolean isNew = true;
    private volatile long lastAccessedTime;
    private long thisAccessedTime;
    private long idleSince;

    StoredSession(SessionStore store, String id, long nowMillis, int maxInactiveSeconds) {
        this.store = store;
        this.id = id;
        this.creationTime = nowMillis;
        this.lastAccessedTime = nowMillis;
        this.thisAccessedTime = nowMillis;
        this.idleSince = nowMillis;
        this.maxInactiveSeconds = maxInactiveSeconds;
    }

    @Override
    public long getCreationTime() {
        checkValid("getCreationTime");
        return creationTime;
    }

    /** The id; also once invalidated (see the class comment). */
    @Override
    public String getId() {
        return id;
    }

    /**
     * When the latest request that used this session and has ended started (the creation time
     * until one has): during a request, the start of the one before.
     */
    @Override
    public long getLastAccessedTime() {
        checkValid("getLastAccessedTime");
        return lastAccessedTime;
    }

    @Override
    public ServletContext getServletContext() {
        return store.context();
    }

    /** @param interval seconds without a request before the session expires; 0 or less: never */
    @Override
    public void setMaxInactiveInterval(int interval) {
        maxInactiveSeconds = interval;
    }

    @Override
    public int getMaxInactiveInterval() {
        return maxInactiveSeconds;
    }

    @Override
    public Object getAttribute(String name) {
        checkValid("getAttribute");
        return name == null ? null : attributes.get(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        checkValid("getAttributeNames");
        return Collections.enumeration(new ArrayList<>(attributes.keySet()));
    }

    /**
     * Binds {@code value} (null removes {@code name}). A new {@link HttpSessionBindingListener}
     * value hears {@code valueBound} before anyone can get it, and if that throws nothing is
     * bound; the value it replaces hears {@code valueUnbound} after. Setting the value already
     * bound tells the value nothing but is still a replacement to the events, as in Tomcat.
     */
    @Override
    public void setAttribute(String name, Object value) {
        if (name == null) {
            throw new IllegalArgumentException("a session attribute's name cannot be null");
        }
        if (value == null) {
            removeAttribute(name);
            return;
        }
        checkValid("setAttribute");
        boolean binds = value instanceof HttpSessionBindingListener && attributes.get(name) != value;
        if (binds) {
            ((HttpSessionBindingListener) value).valueBound(new HttpSessionBindingEvent(this, name, value));
        }
        Object old = null;
        boolean stored;
        synchronized (lock) {
            stored = state != State.INVALID;
            if (stored) {
                old = attributes.put(name, value);
            }
        }
        if (!stored) {
            // Invalidated while valueBound ran: take the binding back, as Tomcat does, and refuse.
            if (binds) {
                unbound(name, value);
            }
            throw invalidated("setAttribute");
        }
        Failures failures = new Failures();
        if (old == null) {
            failures.run(() -> store.events().attributeAdded(this, name, value));
        } else {
            Object replaced = old;
            if (replaced != value) {
                failures.run(() -> unbound(name, replaced));
            }
            failures.run(() -> store.events().attributeReplaced(this, name, replaced));
        }
        failures.rethrow();
    }

    @Override
    public void removeAttribute(String name) {
        checkValid("removeAttribute");
        Object value = name == null ? null : attributes.remove(name);
        if (value != null) {
            Failures failures = new Failures();
            removed(name, value, failures);
            failures.rethrow();
        }
    }

    /**
     * Invalidates the session as the class comment says. Every listener is called even if an
     * earlier one throws; the first exception is then thrown, the others suppressed in it. A call
     * while invalidation is under way (a {@code destroyed} listener's) does nothing.
     *
     * @throws IllegalStateException if the session was already invalidated
     */
    @Override
    public void invalidate() {
        if (!beginExpiry(false, 0)) {
            checkValid("invalidate");
            return;
        }
        finishExpiry();
    }

    /** True until a request comes back with the id: the client does not know the session yet. */
    @Override
    public boolean isNew() {
        checkValid("isNew");
        return isNew;
    }

    /** An accessor for the id this session has now, which the store looks up on each use. */
    @Override
    public Accessor getAccessor() {
        checkValid("getAccessor");
        String at = id;
        return consumer -> store.access(at, consumer);
    }

    @Override
    public String toString() {
        return "StoredSession[" + id + ", " + state + "]";
    }

    /**
     * A request carrying the id started at {@code now}: false if the session is gone, or has
     * been idle too long (it is then invalidated here, listeners told).
     */
    boolean enter(long now) {
        boolean expired;
        synchronized (lock) {
            if (state != State.VALID) {
                return false;
            }
            expired = idleAt(now);
            if (expired) {
                state = State.EXPIRING;
            } else {
                thisAccessedTime = now;
                idleSince = now;
                isNew = false;
            }
        }
        if (expired) {
            finishExpiry();
        }
        return !expired;
    }

    /** A request that used the session ended at {@code now}. */
    void leave(long now) {
        synchronized (lock) {
            if (state == State.VALID) {
                lastAccessedTime = thisAccessedTime;
                idleSince = now;
            }
        }
    }

    /**
     * Starts invalidation (the session then expiring, still usable) if the session is valid and,
     * when {@code onlyIfIdle}, idle too long at {@code now}; true if it did. Only one caller gets
     * true: it must call {@link #finishExpiry()}.
     */
    boolean beginExpiry(boolean onlyIfIdle, long now) {
        synchronized (lock) {
            if (state != State.VALID || onlyIfIdle && !idleAt(now)) {
                return false;
            }
            state = State.EXPIRING;
            return true;
        }
    }

    /** The rest of invalidation, after {@link #beginExpiry} returned true. */
    void finishExpiry() {
        Failures failures = new Failures();
        failures.run(() -> store.events().destroyed(this));
        store.forget(this);
        List<String> names;
        synchronized (lock) {
            state = State.INVALID;
            names = new ArrayList<>(attributes.keySet());
        }
        for (String name : names) {
            Object value = attributes.remove(name);
            if (value != null) {
                removed(name, value, failures);
            }
        }
        failures.rethrow();
    }

    /**
     * Moves the session to a fresh id from {@code ids} in {@code index}, under the lock so that an
     * invalidation forgets the id the session ends up with. Returns the old id.
     */
    String renew(Supplier<String> ids, Map<String, StoredSession> index) {
        synchronized (lock) {
            if (state != State.VALID) {
                throw invalidated("changeSessionId");
            }
            String old = id;
            String fresh;
            do {
                fresh = ids.get();
            } while (index.putIfAbsent(fresh, this) != null);
            id = fresh;
            index.remove(old, this);
            return old;
        }
    }

    SessionStore store() {
        return store;
    }

    private boolean idleAt(long now) {
        int max = maxInactiveSeconds;
        return max > 0 && now - idleSince >= max * 1000L;
    }

    private void removed(String name, Object value, Failures failures) {
        failures.run(() -> unbound(name, value));
        failures.run(() -> store.events().attributeRemoved(this, name, value));
    }

    private void unbound(String name, Object value) {
        if (value instanceof HttpSessionBindingListener listener) {
            listener.valueUnbound(new HttpSessionBindingEvent(this, name, value));
        }
    }

    private void checkValid(String method) {
        if (state == State.INVALID) {
            throw invalidated(method);
        }
    }

    private IllegalStateException invalidated(String method) {
        return new IllegalStateException(method + ": session " + id + " has been invalidated");
    }
}
