package dev.corral.worker.http.conn;

/**
 * The user event that asks a connection to close once its in-flight requests are answered (the
 * worker is stopping). Fired into each connection's pipeline; the {@link ConnectionHandler} acts on it.
 */
public enum Drain {
    INSTANCE
}
