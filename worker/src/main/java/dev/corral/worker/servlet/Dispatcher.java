package dev.corral.worker.servlet;

import dev.corral.worker.servlet.mapping.Match;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Forward and include (§9), to a path or to a servlet by name, and the error dispatch of an
 * error page (§10.9). Immutable; the dispatch runs on the calling handler thread.
 */
final class Dispatcher implements RequestDispatcher {
    private final WebApp app;
    private final String path;
    private final String query;
    private final Match<ServletHolder> match;
    private final ServletHolder named;

    private Dispatcher(WebApp app, String path, String query, Match<ServletHolder> match, ServletHolder named) {
        this.app = app;
        this.path = path;
        this.query = query;
        this.match = match;
        this.named = named;
    }

    static Dispatcher forPath(WebApp app, String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? null : pathAndQuery.substring(q + 1);
        String canonical = Routes.canonical(path);
        if (canonical == null) {
            return null;
        }
        Match<ServletHolder> match = Routes.resolve(app, canonical);
        return match == null ? null : new Dispatcher(app, canonical, query, match, null);
    }

    static Dispatcher named(WebApp app, ServletHolder holder) {
        return new Dispatcher(app, null, null, null, holder);
    }

    private ServletHolder target() {
        return named != null ? named : match.target();
    }

    @Override
    public void forward(ServletRequest request, ServletResponse response) throws ServletException, IOException {
        if (response.isCommitted()) {
            throw new IllegalStateException("forward after the response was committed");
        }
        response.resetBuffer();
        HttpServletRequest http = (HttpServletRequest) request;
        if (named == null && http.getAttribute(FORWARD_REQUEST_URI) == null) {
            http.setAttribute(FORWARD_REQUEST_URI, http.getRequestURI());
            http.setAttribute(FORWARD_CONTEXT_PATH, "");
            http.setAttribute(FORWARD_SERVLET_PATH, http.getServletPath());
            setIfPresent(http, FORWARD_PATH_INFO, http.getPathInfo());
            setIfPresent(http, FORWARD_QUERY_STRING, http.getQueryString());
            http.setAttribute(FORWARD_MAPPING, http.getHttpServletMapping());
        }
        DispatchedRequest target = new DispatchedRequest(http, DispatcherType.FORWARD, path, query, match);
        run(target, response, DispatcherType.FORWARD);
        // The forward answers the request: what the caller writes afterwards is ignored (§9.4).
        BridgeResponse bridge = bridge(response);
        if (bridge != null) {
            bridge.flushWriter();
            bridge.body().suspend(true);
        }
    }

    @Override
    public void include(ServletRequest request, ServletResponse response) throws ServletException, IOException {
        HttpServletRequest http = (HttpServletRequest) request;
        if (named == null) {
            http.setAttribute(INCLUDE_REQUEST_URI, path);
            http.setAttribute(INCLUDE_CONTEXT_PATH, "");
            http.setAttribute(INCLUDE_SERVLET_PATH, match.servletPath());
            setIfPresent(http, INCLUDE_PATH_INFO, match.pathInfo());
            setIfPresent(http, INCLUDE_QUERY_STRING, query);
            http.setAttribute(INCLUDE_MAPPING, match.mapping(match.target().getName()));
        }
        DispatchedRequest target = new DispatchedRequest(http, DispatcherType.INCLUDE, path, query, match);
        try {
            run(target, new IncludedResponse((HttpServletResponse) response), DispatcherType.INCLUDE);
        } finally {
            for (String a : new String[] {INCLUDE_REQUEST_URI, INCLUDE_CONTEXT_PATH, INCLUDE_SERVLET_PATH,
                    INCLUDE_PATH_INFO, INCLUDE_QUERY_STRING, INCLUDE_MAPPING}) {
                http.removeAttribute(a);
            }
        }
    }

    /** Runs the error page for a request whose answer failed; the caller set the error attributes. */
    void error(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        run(new DispatchedRequest(request, DispatcherType.ERROR, path, query, match), response, DispatcherType.ERROR);
    }

    private void run(HttpServletRequest request, ServletResponse response, DispatcherType type)
            throws ServletException, IOException {
        String filterPath = path != null ? path : request.getServletPath()
                + (request.getPathInfo() == null ? "" : request.getPathInfo());
        new Chain(app.filtersFor(filterPath, target(), type), target().servlet()).doFilter(request, response);
    }

    private static void setIfPresent(HttpServletRequest request, String name, Object value) {
        if (value != null) {
            request.setAttribute(name, value);
        }
    }

    static BridgeResponse bridge(ServletResponse response) {
        while (response instanceof ServletResponseWrapper w) {
            response = w.getResponse();
        }
        return response instanceof BridgeResponse b ? b : null;
    }
}
