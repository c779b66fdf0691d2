package dev.corral.worker.servlet.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The store: ids, finding, access times, expiry, new ids, sweeping; on a fake clock. */
class SessionStoreTest {
    static final ServletContext CONTEXT = (ServletContext) Proxy.newProxyInstance(
            SessionStoreTest.class.getClassLoader(), new Class<?>[] {ServletContext.class}, (p, m, a) -> null);

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final RecordedEvents events = new RecordedEvents();
    private final SessionStore store = new SessionStore(CONTEXT, 60, events, clock::get);

    private void at(long millis) {
        clock.set(millis);
    }

    @Test
    void aNewSessionHas32UrlSafeCharactersOfIdAndIsNew() {
        HttpSession s = store.create();
        assertTrue(s.getId().matches("[A-Za-z0-9_-]{32}"), s.getId());
        assertTrue(s.isNew());
        assertEquals(1_000_000, s.getCreationTime());
        assertEquals(1_000_000, s.getLastAccessedTime());
        assertEquals(60, s.getMaxInactiveInterval());
        assertSame(CONTEXT, s.getServletContext());
        assertEquals(List.of("created " + s.getId()), events.lines());
        assertEquals(1, store.size());
    }

    @Test
    void idsDoNotRepeat() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(store.create().getId());
        }
        assertEquals(10_000, ids.size());
    }

    @Test
    void findGivesTheLiveSessionOrNull() {
        HttpSession s = store.create();
        assertSame(s, store.find(s.getId()));
        assertNull(store.find("nope"));
        assertNull(store.find(null));
    }

    @Test
    void aSessionIsNewUntilARequestComesBackWithItsId() {
        HttpSession s = store.create();
        at(1_000_500);
        store.accessed(s);
        assertTrue(s.isNew(), "the creating request ended, but the client has not come back");
        store.find(s.getId());
        assertFalse(s.isNew());
    }

    @Test
    void theLastAccessedTimeIsWhenThePreviousRequestStarted() {
        HttpSession s = store.create();
        at(1_000_400);
        store.accessed(s);
        assertEquals(1_000_000, s.getLastAccessedTime());
        at(1_030_000);
        assertSame(s, store.find(s.getId()));
        assertEquals(1_000_000, s.getLastAccessedTime(), "during a request: the one before's start");
        s.setAttribute("a", 1);
        at(1_030_700);
        store.accessed(s);
        assertEquals(1_030_000, s.getLastAccessedTime());
    }

    @Test
    void aSessionExpiresAfterItsIntervalWithoutARequest() {
        HttpSession s = store.create();
        s.setAttribute("a", "1");
        store.accessed(s);
        events.clear();
        at(1_000_000 + 59_999);
        assertSame(s, store.find(s.getId()));
        store.accessed(s);
        at(1_059_999 + 60_000);
        assertNull(store.find(s.getId()));
        assertEquals(List.of("destroyed " + s.getId() + " [a]", "removed a=1"), events.lines());
        assertEquals(0, store.size());
        assertThrows(IllegalStateException.class, () -> s.getAttribute("a"));
    }

    @Test
    void idleTimeCountsFromTheEndOfTheLastRequest() {
        HttpSession s = store.create();
        at(1_050_000);
        store.accessed(s);
        at(1_050_000 + 59_000);
        assertSame(s, store.find(s.getId()));
    }

    @Test
    void aZeroOrNegativeIntervalNeverExpires() {
        HttpSession zero = store.create();
        zero.setMaxInactiveInterval(0);
        HttpSession negative = store.create();
        negative.setMaxInactiveInterval(-1);
        at(1_000_000 + 10L * 365 * 24 * 3600 * 1000);
        assertEquals(0, store.sweep());
        assertSame(zero, store.find(zero.getId()));
        assertSame(negative, store.find(negative.getId()));
        SessionStore forever = new SessionStore(CONTEXT, 0, SessionEvents.none(), clock::get);
        HttpSession s = forever.create();
        at(clock.get() * 2);
        assertSame(s, forever.find(s.getId()));
    }

    @Test
    void aChangedIntervalCountsFromTheSameIdleStart() {
        HttpSession s = store.create();
        s.setMaxInactiveInterval(5);
        at(1_005_000);
        assertNull(store.find(s.getId()));
    }

    @Test
    void sweepInvalidatesOnlyTheIdleSessions() {
        HttpSession idle1 = store.create();
        HttpSession idle2 = store.create();
        at(1_030_000);
        HttpSession fresh = store.create();
        events.clear();
        at(1_060_000);
        assertEquals(2, store.sweep());
        assertEquals(1, store.size());
        assertSame(fresh, store.find(fresh.getId()));
        assertEquals(Set.of("destroyed " + idle1.getId() + " []", "destroyed " + idle2.getId() + " []"),
                new HashSet<>(events.lines()));
        assertEquals(0, store.sweep());
    }

    @Test
    void sweepFinishesWhenAListenerThrowsAndThrowsTheFirst() {
        RuntimeException boom = new RuntimeException("boom");
        SessionStore failing = new SessionStore(CONTEXT, 1, new SessionEvents() {
            @Override
            public void destroyed(HttpSession s) {
                throw boom;
            }
        }, clock::get);
        failing.create();
        failing.create();
        at(clock.get() + 1000);
        RuntimeException e = assertThrows(RuntimeException.class, failing::sweep);
        assertSame(boom, e);
        assertEquals(0, failing.size());
    }

    @Test
    void invalidateAllEndsEverySession() {
        HttpSession a = store.create();
        store.create().setMaxInactiveInterval(0);
        assertEquals(2, store.invalidateAll());
        assertEquals(0, store.size());
        assertThrows(IllegalStateException.class, a::isNew);
    }

    @Test
    void changeIdMovesTheSessionAndTellsTheEvents() {
        HttpSession s = store.create();
        s.setAttribute("a", "1");
        String old = s.getId();
        events.clear();
        String fresh = store.changeId(s);
        assertNotEquals(old, fresh);
        assertEquals(fresh, s.getId());
        assertTrue(fresh.matches("[A-Za-z0-9_-]{32}"), fresh);
        assertNull(store.find(old));
        assertSame(s, store.find(fresh));
        assertEquals("1", s.getAttribute("a"));
        assertEquals(List.of("idChanged " + old + " -> " + fresh), events.lines());
        assertEquals(1, store.size());
    }

    @Test
    void anInvalidatedSessionCannotChangeId() {
        HttpSession s = store.create();
        s.invalidate();
        assertThrows(IllegalStateException.class, () -> store.changeId(s));
        assertEquals(0, store.size());
    }

    @Test
    void anotherStoresSessionIsRefused() {
        HttpSession foreign = new SessionStore(CONTEXT, 60, SessionEvents.none(), clock::get).create();
        assertThrows(IllegalArgumentException.class, () -> store.accessed(foreign));
        assertThrows(IllegalArgumentException.class, () -> store.changeId(foreign));
        assertThrows(IllegalArgumentException.class, () -> store.accessed(null));
    }

    @Test
    void accessedAfterTheRequestInvalidatedItsSessionDoesNothing() {
        HttpSession s = store.create();
        s.invalidate();
        store.accessed(s);
        assertEquals(0, store.size());
    }

    @Test
    void anAccessorIsAPseudoRequestAtTheIdOfTheMoment() {
        HttpSession s = store.create();
        HttpSession.Accessor accessor = s.getAccessor();
        at(1_010_000);
        List<HttpSession> seen = new ArrayList<>();
        accessor.access(seen::add);
        assertEquals(List.of(s), seen);
        assertFalse(s.isNew());
        assertEquals(1_010_000, s.getLastAccessedTime());
        store.changeId(s);
        assertThrows(IllegalStateException.class, () -> accessor.access(seen::add));
        HttpSession.Accessor current = s.getAccessor();
        s.invalidate();
        assertThrows(IllegalStateException.class, () -> current.access(seen::add));
        assertThrows(IllegalStateException.class, s::getAccessor);
        assertEquals(1, seen.size());
    }

    @Test
    void manyThreadsCreateFindAndChangeIdsAtOnce() throws Exception {
        int threads = 8;
        int perThread = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        Set<String> ids = ConcurrentHashMap.newKeySet();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        HttpSession s = store.create();
                        s.setAttribute("n", i);
                        assertSame(s, store.find(s.getId()));
                        if (i % 2 == 0) {
                            store.changeId(s);
                        }
                        store.accessed(s);
                        ids.add(s.getId());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * perThread, ids.size());
        assertEquals(threads * perThread, store.size());
        for (String id : ids) {
            assertEquals(id, store.find(id).getId());
        }
    }
}
