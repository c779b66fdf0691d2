package dev.corral.worker.servlet.session;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The sessions of one worker, in memory, by id. Used by every handler thread at once (create,
 * find, accessed, changeId) and by the bridge's periodic {@link #sweep()}: the index is a
 * {@link ConcurrentHashMap} and each session locks only itself, so requests of different
 * sessions never wait on one another.
 *
 * <p>A request's life with its session, as the bridge drives it: {@link #find} with the id it
 * carried (at most once, when the request starts: that is the access the Servlet API counts)
 * or {@link #create}; then {@link #accessed} when the request ends. A session expires when no
 * request has started or ended for its max inactive interval; one may thus expire under a
 * request longer than the interval, as in Tomcat by default.
 *
 * <p>Listener exceptions (the application's {@code HttpSessionBindingListener}s, and whatever
 * the {@link SessionEvents} throw) reach the caller, after the session's state is consistent.
 */
public final class SessionStore {
    /** 24 random bytes are 32 characters of URL-safe Base64, without padding: 192 bits. */
    private static final int ID_BYTES = 24;

    private final ServletContext context;
    private final int defaultMaxInactiveSeconds;
    private final SessionEvents events;
    private final LongSupplier clockMillis;
    private final Map<String, StoredSession> sessions = new ConcurrentHashMap<>();
    // Thread-safe; contention is one draw per new session, which is not the hot path.
    private final SecureRandom random = new SecureRandom();

    /**
     * @param context what {@link HttpSession#getServletContext()} returns
     * @param defaultMaxInactiveSeconds a new session's max inactive interval; 0 or less: never
     *     expires
     * @param events told of each session's life and attributes
     * @param clockMillis the wall clock, in epoch milliseconds (a fake one in tests)
     */
    public SessionStore(ServletContext context, int defaultMaxInactiveSeconds, SessionEvents events,
                        LongSupplier clockMillis) {
        this.context = context;
        this.defaultMaxInactiveSeconds = defaultMaxInactiveSeconds;
        this.events = Objects.requireNonNull(events, "events");
        this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
    }

    /** A new session, new to the client, with a fresh id (32 characters of URL-safe Base64). */
    public HttpSession create() {
        long now = clockMillis.getAsLong();
        StoredSession s;
        do {
            s = new StoredSession(this, newId(), now, defaultMaxInactiveSeconds);
        } while (sessions.putIfAbsent(s.getId(), s) != null);
        events.created(s);
        return s;
    }

    /**
     * The live session with {@code id}, for a request that carried it and starts now; no longer
     * new. Null if there is none, or it had expired (it is then invalidated here, listeners told).
     */
    public HttpSession find(String id) {
        StoredSession s = id == null ? null : sessions.get(id);
        return s != null && s.enter(clockMillis.getAsLong()) ? s : null;
    }

    /**
     * The request that used {@code session} (found or created it) ended now: its start becomes
     * the session's last accessed time, and its idle time counts from now. Nothing for an
     * invalidated session.
     *
     * @throws IllegalArgumentException if {@code session} is not of this store
     */
    public void accessed(HttpSession session) {
        own(session).leave(clockMillis.getAsLong());
    }

    /**
     * Gives {@code session} a fresh id (for {@code HttpServletRequest.changeSessionId}); the old
     * one no longer finds it. Tells {@link SessionEvents#idChanged}.
     *
     * @return the new id
     * @throws IllegalStateException if the session has been invalidated
     * @throws IllegalArgumentException if {@code session} is not of this store
     */
    public String changeId(HttpSession session) {
        StoredSession s = own(session);
        String old = s.renew(this::newId, sessions);
        events.idChanged(s, old);
        return s.getId();
    }

    /**
     * Invalidates the sessions idle longer than their max inactive interval, listeners told.
     * If a listener throws, the sweep still finishes; the first exception is then thrown.
     *
     * @return how many sessions it invalidated
     */
    public int sweep() {
        return expire(true);
    }

    /** Invalidates every session, listeners told, as when the application stops; how many. */
    public int invalidateAll() {
        return expire(false);
    }

    /** How many sessions the store holds (some may have expired but not been swept yet). */
    public int size() {
        return sessions.size();
    }

    ServletContext context() {
        return context;
    }

    SessionEvents events() {
        return events;
    }

    /** {@code session} is invalid: drop it from the index (at the id it ended with). */
    void forget(StoredSession session) {
        sessions.remove(session.getId(), session);
    }

    /** {@link HttpSession.Accessor#access}: the session at {@code id} for one pseudo-request. */
    void access(String id, Consumer<HttpSession> consumer) {
        HttpSession s = find(id);
        if (s == null) {
            throw new IllegalStateException("session " + id + " is no longer valid");
        }
        try {
            consumer.accept(s);
        } finally {
            accessed(s);
        }
    }

    private int expire(boolean onlyIdle) {
        long now = clockMillis.getAsLong();
        int count = 0;
        Failures failures = new Failures();
        for (StoredSession s : sessions.values()) {
            if (s.beginExpiry(onlyIdle, now)) {
                count++;
                failures.run(s::finishExpiry);
            }
        }
        failures.rethrow();
        return count;
    }

    private StoredSession own(HttpSession session) {
        if (session instanceof StoredSession s && s.store() == this) {
            return s;
        }
        throw new IllegalArgumentException("not a session of this store: " + session);
    }

    private String newId() {
        byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
