package dev.corral.worker.servlet.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** One session: attributes, binding listeners, events and invalidation. */
class StoredSessionTest {
    private final RecordedEvents events = new RecordedEvents();
    private final SessionStore store = new SessionStore(SessionStoreTest.CONTEXT, 60, events, () -> 5_000);
    private final HttpSession s = store.create();

    StoredSessionTest() {
        events.clear();
    }

    /** A value that records what it is told and what the session held for it at that moment. */
    private static final class Bound implements HttpSessionBindingListener {
        final List<String> heard = new ArrayList<>();
        private final String label;

        Bound(String label) {
            this.label = label;
        }

        @Override
        public void valueBound(HttpSessionBindingEvent e) {
            heard.add("bound " + e.getName() + " visible=" + (e.getSession().getAttribute(e.getName()) == this));
        }

        @Override
        public void valueUnbound(HttpSessionBindingEvent e) {
            boolean visible;
            try {
                visible = e.getSession().getAttribute(e.getName()) == this;
            } catch (IllegalStateException invalid) {
                visible = false;
            }
            heard.add("unbound " + e.getName() + " visible=" + visible + " value=" + (e.getValue() == this));
        }

        @Override
        public String toString() {
            return label;
        }
    }

    @Test
    void attributesAreSetReadAndRemoved() {
        s.setAttribute("a", "1");
        s.setAttribute("b", "2");
        assertEquals("1", s.getAttribute("a"));
        assertEquals(List.of("a", "b"), sorted(Collections.list(s.getAttributeNames())));
        s.setAttribute("a", "3");
        s.removeAttribute("b");
        s.removeAttribute("b");
        s.removeAttribute(null);
        assertNull(s.getAttribute("b"));
        assertNull(s.getAttribute(null));
        assertEquals(List.of("added a=1", "added b=2", "replaced a=1", "removed b=2"), events.lines());
    }

    @Test
    void settingNullRemoves() {
        s.setAttribute("a", "1");
        s.setAttribute("a", null);
        s.setAttribute("never", null);
        assertNull(s.getAttribute("a"));
        assertEquals(List.of("added a=1", "removed a=1"), events.lines());
    }

    @Test
    void aNullNameIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> s.setAttribute(null, "x"));
    }

    @Test
    void theAttributeNamesAreASnapshot() {
        s.setAttribute("a", "1");
        var names = s.getAttributeNames();
        s.setAttribute("b", "2");
        assertEquals(List.of("a"), Collections.list(names));
    }

    @Test
    void aBoundValueHearsBeforeItIsVisibleAndAnUnboundOneAfter() {
        Bound first = new Bound("first");
        Bound second = new Bound("second");
        s.setAttribute("x", first);
        s.setAttribute("x", second);
        s.removeAttribute("x");
        assertEquals(List.of("bound x visible=false", "unbound x visible=false value=true"), first.heard);
        assertEquals(List.of("bound x visible=false", "unbound x visible=false value=true"), second.heard);
        assertEquals(List.of("added x=first", "replaced x=first", "removed x=second"), events.lines());
    }

    @Test
    void settingTheSameValueAgainIsAReplacementButNoRebinding() {
        Bound v = new Bound("v");
        s.setAttribute("x", v);
        s.setAttribute("x", v);
        assertEquals(List.of("bound x visible=false"), v.heard);
        assertEquals(List.of("added x=v", "replaced x=v"), events.lines());
    }

    @Test
    void aValueThatRefusesItsBindingIsNotBound() {
        RuntimeException refusal = new RuntimeException("no");
        HttpSessionBindingListener refusing = new HttpSessionBindingListener() {
            @Override
            public void valueBound(HttpSessionBindingEvent event) {
                throw refusal;
            }
        };
        assertSame(refusal, assertThrows(RuntimeException.class, () -> s.setAttribute("x", refusing)));
        assertNull(s.getAttribute("x"));
        assertEquals(List.of(), events.lines());
    }

    @Test
    void invalidationTellsDestroyedWhileUsableThenUnbindsEverything() {
        Bound v = new Bound("v");
        s.setAttribute("a", "1");
        s.setAttribute("b", v);
        events.clear();
        s.invalidate();
        List<String> lines = events.lines();
        assertEquals("destroyed " + s.getId() + " [a, b]", sortedDestroyed(lines.get(0)));
        assertEquals(List.of("removed a=1", "removed b=v"), sorted(lines.subList(1, lines.size())));
        assertEquals(List.of("bound b visible=false", "unbound b visible=false value=true"), v.heard);
        assertEquals(0, store.size());
        assertNull(store.find(s.getId()));
    }

    @Test
    void anInvalidatedSessionRefusesAllButItsIdIntervalAndContext() {
        String id = s.getId();
        s.invalidate();
        List<Consumer<HttpSession>> refused = List.of(HttpSession::getCreationTime,
                HttpSession::getLastAccessedTime, x -> x.getAttribute("a"), HttpSession::getAttributeNames,
                x -> x.setAttribute("a", "1"), x -> x.removeAttribute("a"), HttpSession::invalidate,
                HttpSession::isNew, HttpSession::getAccessor);
        for (Consumer<HttpSession> call : refused) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> call.accept(s));
            assertTrue(e.getMessage().contains(id), e.getMessage());
        }
        assertEquals(id, s.getId());
        s.setMaxInactiveInterval(5);
        assertEquals(5, s.getMaxInactiveInterval());
        assertSame(SessionStoreTest.CONTEXT, s.getServletContext());
    }

    @Test
    void invalidatingFromADestroyedListenerDoesNothing() {
        AtomicInteger destroyed = new AtomicInteger();
        SessionStore reentrant = new SessionStore(SessionStoreTest.CONTEXT, 60, new SessionEvents() {
            @Override
            public void destroyed(HttpSession x) {
                destroyed.incrementAndGet();
                x.invalidate();
                x.setAttribute("late", "still works");
            }
        }, () -> 0);
        HttpSession x = reentrant.create();
        x.invalidate();
        assertEquals(1, destroyed.get());
        assertEquals(0, reentrant.size());
    }

    @Test
    void everyListenerRunsWhenSomeThrowAndTheFirstFailureIsThrown() {
        RuntimeException one = new RuntimeException("one");
        RuntimeException two = new RuntimeException("two");
        List<String> unbound = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            s.setAttribute(name, new HttpSessionBindingListener() {
                @Override
                public void valueUnbound(HttpSessionBindingEvent event) {
                    unbound.add(event.getName());
                    if (!name.equals("b")) {
                        throw name.equals("a") ? one : two;
                    }
                }
            });
        }
        RuntimeException e = assertThrows(RuntimeException.class, s::invalidate);
        assertEquals(List.of("a", "b", "c"), sorted(unbound));
        assertEquals(1, e.getSuppressed().length);
        assertTrue(e == one || e == two);
        assertEquals(0, store.size());
        assertThrows(IllegalStateException.class, () -> s.getAttribute("a"));
        assertEquals(3, events.lines().stream().filter(l -> l.startsWith("removed")).count());
    }

    @Test
    void anEventsFailureReachesTheCallerAfterTheChange() {
        RuntimeException boom = new RuntimeException("boom");
        SessionStore failing = new SessionStore(SessionStoreTest.CONTEXT, 60, new SessionEvents() {
            @Override
            public void attributeAdded(HttpSession x, String name, Object value) {
                throw boom;
            }
        }, () -> 0);
        HttpSession x = failing.create();
        assertSame(boom, assertThrows(RuntimeException.class, () -> x.setAttribute("a", "1")));
        assertEquals("1", x.getAttribute("a"));
    }

    @Test
    void aSetRacingInvalidationIsEitherUnboundOrRefused() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 200; round++) {
                HttpSession x = store.create();
                AtomicInteger bound = new AtomicInteger();
                AtomicInteger unbound = new AtomicInteger();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 3; t++) {
                    int thread = t;
                    done.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; ; i++) {
                            try {
                                x.setAttribute(thread + "-" + i, new HttpSessionBindingListener() {
                                    @Override
                                    public void valueBound(HttpSessionBindingEvent e) {
                                        bound.incrementAndGet();
                                    }

                                    @Override
                                    public void valueUnbound(HttpSessionBindingEvent e) {
                                        unbound.incrementAndGet();
                                    }
                                });
                            } catch (IllegalStateException invalidated) {
                                return null;
                            }
                        }
                    }));
                }
                start.countDown();
                x.invalidate();
                for (Future<?> f : done) {
                    f.get(30, TimeUnit.SECONDS);
                }
                assertEquals(bound.get(), unbound.get(), "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> sorted(List<String> in) {
        List<String> out = new ArrayList<>(in);
        Collections.sort(out);
        return out;
    }

    /** The destroyed line with its attribute list in order (a map's order is not fixed). */
    private static String sortedDestroyed(String line) {
        int open = line.indexOf('[');
        String inner = line.substring(open + 1, line.length() - 1);
        List<String> names = sorted(List.of(inner.split(", ")));
        return line.substring(0, open) + names;
    }
}
