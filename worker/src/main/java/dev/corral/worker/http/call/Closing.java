package dev.corral.worker.http.call;

/**
 * Whether a connection will close after the answer in flight (the worker drains): set on the connection's event loop, read on the handler thread that commits a
 * streamed head, so that the head says {@code Connection: close} rather than promise a
 * keep-alive the connection will not keep.
 */
public final class Closing {
    private volatile boolean closing;

    /** From now on, answers end the connection. Event loop. */
    public void set() {
        closing = true;
    }

    /** Any thread. */
    public boolean isSet() {
        return closing;
    }
}
