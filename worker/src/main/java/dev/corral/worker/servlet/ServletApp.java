package dev.corral.worker.servlet;

import dev.corral.worker.http.call.Application;
import dev.corral.worker.http.call.Exchange;
import dev.corral.worker.http.call.Reply;
import dev.corral.worker.servlet.mapping.Match;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A deployed servlet application as Corral's request path calls it: each request becomes a
 * {@link BridgeRequest} and {@link BridgeResponse}, goes through the request listeners, the
 * filters and the servlet its path maps to, and a failure or {@code sendError} goes to the
 * application's error page or Corral's plain one. {@link #serve} runs on handler threads.
 */
public final class ServletApp implements Application {
    private static final Logger LOG = LoggerFactory.getLogger(ServletApp.class);
    private static final long SWEEP_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final WebApp app;
    private final Runnable stop;
    private final AtomicLong nextSweep = new AtomicLong(System.nanoTime() + SWEEP_NANOS);

    ServletApp(WebApp app, Runnable stop) {
        this.app = app;
        this.stop = stop;
    }

    @Override
    public ClassLoader classLoader() {
        return app.loader();
    }

    @Override
    public void stop() {
        stop.run();
    }

    @Override
    public void serve(Exchange exchange, Reply reply) throws Exception {
        sweepSessions();
        BridgeRequest request = new BridgeRequest(app, exchange);
        BridgeResponse response = new BridgeResponse(reply, app.context().getResponseCharacterEncoding());
        request.response(response);
        try {
            app.listeners().requestInitialized(app.context(), request);
            try {
                dispatch(request, response);
            } catch (Exception | LinkageError | StackOverflowError e) {
                failed(request, response, e);
            } finally {
                app.listeners().requestDestroyed(app.context(), request);
            }
            if (response.errorPending()) {
                errorPage(request, response, response.getStatus(), response.errorMessage(), null);
            }
            response.finish();
        } finally {
            request.sessionState().ended();
            request.deleteParts();
        }
    }

    private void dispatch(BridgeRequest request, BridgeResponse response) throws IOException, ServletException {
        String path = Routes.canonical(request.getRequestURI());
        if (path == null) {
            response.sendError(400, "the request path is not one a servlet may see");
            return;
        }
        Match<ServletHolder> match = Routes.resolve(app, path);
        if (match == null) {
            response.sendError(404);
            return;
        }
        request.match(match);
        new Chain(app.filtersFor(path, match.target(), DispatcherType.REQUEST), match.target().servlet())
                .doFilter(request, response);
    }

    // Before the commit a failure is a 500 (or the application's page for it); after, the
    // connection is closed by the caller, so that a cut-short body cannot look complete.
    private void failed(BridgeRequest request, BridgeResponse response, Throwable e) throws Exception {
        if (response.isCommitted()) {
            if (e instanceof Exception ex) {
                throw ex;
            }
            throw (Error) e;
        }
        LOG.error("Error handling request {} {}", request.getMethod(), request.getRequestURI(), e);
        errorPage(request, response, 500, null, e);
    }

    private void errorPage(BridgeRequest request, BridgeResponse response, int status, String message,
                           Throwable failure) throws IOException {
        String location = failure != null ? app.errorPages().forException(failure) : app.errorPages().forStatus(status);
        response.startErrorPage();
        response.resetBuffer();
        response.setStatus(status);
        Dispatcher page = location == null || request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) != null
                ? null : Dispatcher.forPath(app, location);
        if (page != null) {
            request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status);
            request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
            request.setAttribute(RequestDispatcher.ERROR_METHOD, request.getMethod());
            if (request.getQueryString() != null) {
                request.setAttribute(RequestDispatcher.ERROR_QUERY_STRING, request.getQueryString());
            }
            if (request.match() != null) {
                request.setAttribute(RequestDispatcher.ERROR_SERVLET_NAME, request.match().target().getName());
            }
            request.setAttribute(RequestDispatcher.ERROR_MESSAGE, message != null ? message
                    : failure != null ? String.valueOf(failure.getMessage()) : "");
            if (failure != null) {
                Throwable cause = failure instanceof ServletException se && se.getRootCause() != null
                        ? se.getRootCause() : failure;
                request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, cause);
                request.setAttribute(RequestDispatcher.ERROR_EXCEPTION_TYPE, cause.getClass());
            }
            try {
                page.error(request, response);
                return;
            } catch (Exception | LinkageError e) {
                LOG.error("The error page {} failed for {} {}", location, request.getMethod(), request.getRequestURI(), e);
                if (response.isCommitted()) {
                    return;
                }
                response.startErrorPage();
                response.resetBuffer();
                response.setStatus(status);
            }
        }
        response.setContentType("text/plain;charset=utf-8");
        response.getOutputStream().write(ErrorPages.plainBody(status, message));
    }

    private void sweepSessions() {
        long now = System.nanoTime();
        long due = nextSweep.get();
        if (now - due >= 0 && nextSweep.compareAndSet(due, now + SWEEP_NANOS)) {
            app.sessions().sweep();
        }
    }
}
