package dev.corral.worker.servlet;

import dev.corral.worker.servlet.session.SessionEvents;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;

/** Tells the application's session listeners what the session store did. Any handler thread. */
final class SessionListeners implements SessionEvents {
    private final WebApp app;

    SessionListeners(WebApp app) {
        this.app = app;
    }

    @Override
    public void created(HttpSession s) {
        HttpSessionEvent event = new HttpSessionEvent(s);
        app.listeners().of(HttpSessionListener.class).forEach(l -> l.sessionCreated(event));
    }

    @Override
    public void destroyed(HttpSession s) {
        HttpSessionEvent event = new HttpSessionEvent(s);
        var ls = app.listeners().of(HttpSessionListener.class);
        for (int i = ls.size() - 1; i >= 0; i--) {
            ls.get(i).sessionDestroyed(event);
        }
    }

    @Override
    public void attributeAdded(HttpSession s, String name, Object value) {
        var event = new HttpSessionBindingEvent(s, name, value);
        app.listeners().of(HttpSessionAttributeListener.class).forEach(l -> l.attributeAdded(event));
    }

    @Override
    public void attributeReplaced(HttpSession s, String name, Object value) {
        var event = new HttpSessionBindingEvent(s, name, value);
        app.listeners().of(HttpSessionAttributeListener.class).forEach(l -> l.attributeReplaced(event));
    }

    @Override
    public void attributeRemoved(HttpSession s, String name, Object value) {
        var event = new HttpSessionBindingEvent(s, name, value);
        app.listeners().of(HttpSessionAttributeListener.class).forEach(l -> l.attributeRemoved(event));
    }

    @Override
    public void idChanged(HttpSession s, String oldId) {
        HttpSessionEvent event = new HttpSessionEvent(s);
        app.listeners().of(HttpSessionIdListener.class).forEach(l -> l.sessionIdChanged(event, oldId));
    }
}
