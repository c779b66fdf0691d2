package dev.corral.worker.http.call;

/**
 * What a worker serves, as its request path calls it: Corral's own {@code Handler} API or a
 * Servlet application. {@link #serve} runs on a handler thread, one request per call and many
 * calls at once; it answers through the {@link Reply} it is given, and may block.
 */
public interface Application {

    /**
     * Answers one request through {@code reply}, whole or streamed. An exception thrown before
     * the answer commits becomes a 500; after, the connection is closed.
     */
    void serve(Exchange exchange, Reply reply) throws Exception;

    /** The application's class loader: the context class loader of every handler thread. */
    ClassLoader classLoader();

    /** Called once, on the worker's main thread, after the last request was answered. */
    default void stop() {
    }
}
