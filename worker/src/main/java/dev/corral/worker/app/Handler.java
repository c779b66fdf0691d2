package dev.corral.worker.app;

/**
 * An application served by Corral: one request in, one response out.
 *
 * <p>A worker creates one instance of the class named by the {@code app} setting, through its
 * public no-argument constructor, before it accepts any connection; a constructor that throws
 * is a boot failure. {@link #handle} is then called from the worker's {@code threads} handler
 * threads, concurrently, so an implementation must be thread-safe. It may block: it never runs
 * on a network event loop.
 *
 * <p>An exception thrown by {@code handle} becomes a {@code 500 Internal Server Error} for that
 * request; the worker goes on serving.
 */
@FunctionalInterface
public interface Handler {

    /**
     * Answers one request.
     *
     * @param request the request, its body complete
     * @return the response to send; never {@code null}
     * @throws Exception anything the application fails with; the client gets a 500
     */
    Response handle(Request request) throws Exception;
}
