package dev.corral.worker.servlet;

import jakarta.servlet.SessionTrackingMode;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpSession;

/**
 * The session of one request: the id the client sent in its cookie, and the session found or
 * made for it. Sessions live in this worker's memory ({@link WebApp#sessions}); handler thread
 * of the request.
 */
final class RequestSession {
    private final WebApp app;
    private final BridgeRequest request;
    private String requestedId;
    private boolean requestedIdRead;
    private HttpSession session;

    RequestSession(WebApp app, BridgeRequest request) {
        this.app = app;
        this.request = request;
    }

    String requestedId() {
        if (!requestedIdRead) {
            requestedIdRead = true;
            if (app.context().getEffectiveSessionTrackingModes().contains(SessionTrackingMode.COOKIE)) {
                Cookie[] cookies = request.getCookies();
                String name = app.context().cookies().getName();
                if (cookies != null) {
                    for (Cookie c : cookies) {
                        if (c.getName().equals(name)) {
                            requestedId = c.getValue();
                            break;
                        }
                    }
                }
            }
        }
        return requestedId;
    }

    boolean requestedIdValid() {
        String id = requestedId();
        return id != null && app.sessions().find(id) != null;
    }

    HttpSession get(boolean create) {
        if (session != null && app.sessions().find(session.getId()) != null) {
            return session;
        }
        session = null;
        String id = requestedId();
        if (id != null) {
            session = app.sessions().find(id);
        }
        if (session == null && create) {
            if (request.bridgeResponse().isCommitted()) {
                throw new IllegalStateException("Cannot create a session after the response was committed");
            }
            session = app.sessions().create();
            sendCookie();
            SessionNotice.firstSession();
        }
        return session;
    }

    String changeId() {
        HttpSession current = get(false);
        if (current == null) {
            throw new IllegalStateException("changeSessionId: the request has no session");
        }
        String id = app.sessions().changeId(current);
        sendCookie();
        return id;
    }

    private void sendCookie() {
        request.bridgeResponse().addCookie(app.context().cookies().cookie(session.getId(), request.isSecure()));
    }

    /** The request is over: its session was accessed now. */
    void ended() {
        if (session != null) {
            app.sessions().accessed(session);
        }
    }
}
