package dev.corral.worker.servlet;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextAttributeEvent;
import jakarta.servlet.ServletContextAttributeListener;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestAttributeEvent;
import jakarta.servlet.ServletRequestAttributeListener;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.util.EventListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The application's listeners, in the order they were added. Added while the application
 * starts (main thread), told of events by handler threads after; the list copies on write, so
 * that telling them needs no lock.
 */
final class Listeners {
    private final List<EventListener> all = new CopyOnWriteArrayList<>();
    private volatile boolean requestListeners;
    private volatile boolean requestAttributeListeners;

    /** Whether {@code listener} is of a kind the spec lets an application add. */
    static boolean supported(EventListener listener) {
        return listener instanceof ServletContextListener || listener instanceof ServletContextAttributeListener
                || listener instanceof ServletRequestListener || listener instanceof ServletRequestAttributeListener
                || listener instanceof HttpSessionListener || listener instanceof HttpSessionAttributeListener
                || listener instanceof HttpSessionIdListener;
    }

    void add(EventListener listener) {
        all.add(listener);
        requestListeners |= listener instanceof ServletRequestListener;
        requestAttributeListeners |= listener instanceof ServletRequestAttributeListener;
    }

    <T> List<T> of(Class<T> kind) {
        return all.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** The context listeners, in the order they were added. */
    List<ServletContextListener> contextListeners() {
        return of(ServletContextListener.class);
    }

    void contextDestroyed(ServletContext context) {
        List<ServletContextListener> ls = contextListeners();
        ServletContextEvent event = new ServletContextEvent(context);
        for (int i = ls.size() - 1; i >= 0; i--) {
            ls.get(i).contextDestroyed(event);
        }
    }

    void contextAttribute(ServletContext context, String name, Object value, Object old) {
        for (ServletContextAttributeListener l : of(ServletContextAttributeListener.class)) {
            if (old == null) {
                l.attributeAdded(new ServletContextAttributeEvent(context, name, value));
            } else if (value == null) {
                l.attributeRemoved(new ServletContextAttributeEvent(context, name, old));
            } else {
                l.attributeReplaced(new ServletContextAttributeEvent(context, name, old));
            }
        }
    }

    void requestInitialized(ServletContext context, ServletRequest request) {
        if (requestListeners) {
            ServletRequestEvent event = new ServletRequestEvent(context, request);
            of(ServletRequestListener.class).forEach(l -> l.requestInitialized(event));
        }
    }

    void requestDestroyed(ServletContext context, ServletRequest request) {
        if (requestListeners) {
            ServletRequestEvent event = new ServletRequestEvent(context, request);
            List<ServletRequestListener> ls = of(ServletRequestListener.class);
            for (int i = ls.size() - 1; i >= 0; i--) {
                ls.get(i).requestDestroyed(event);
            }
        }
    }

    void requestAttribute(ServletContext context, ServletRequest request, String name, Object value, Object old) {
        if (!requestAttributeListeners) {
            return;
        }
        for (ServletRequestAttributeListener l : of(ServletRequestAttributeListener.class)) {
            if (old == null) {
                l.attributeAdded(new ServletRequestAttributeEvent(context, request, name, value));
            } else if (value == null) {
                l.attributeRemoved(new ServletRequestAttributeEvent(context, request, name, old));
            } else {
                l.attributeReplaced(new ServletRequestAttributeEvent(context, request, name, old));
            }
        }
    }
}
