package dev.corral.worker.app;

import java.io.OutputStream;

/**
 * Produces a response body of unknown length, piece by piece, for
 * {@link Response#stream(int, String, BodyWriter)}.
 *
 * <p>Corral calls {@link #writeTo} on the same handler thread that ran
 * {@link Handler#handle}, after {@code handle} returned. What is written to {@code out} is
 * buffered and sent as HTTP/1.1 chunks (to HTTP/1.0 clients: as a body ended by closing the
 * connection); {@link OutputStream#flush()} sends what is buffered now. The response commits
 * (its status and headers are sent) at the first flush or once 8 KiB are buffered; a body that
 * ends before that is sent whole, with {@code Content-Length}. A {@code Writer} or
 * {@code PrintStream} wrapped around {@code out} must be flushed to hand its text over, and
 * that flush commits: such a body goes out chunked. When the client reads
 * slower than the application writes, {@code write} and {@code flush} block until the
 * connection can take more (backpressure), so memory stays bounded. If the client goes away,
 * they throw an {@link java.io.IOException}. Corral ends the body when {@code writeTo} returns;
 * closing {@code out} is allowed but not needed.
 *
 * <p>An exception thrown before the response committed becomes a {@code 500}; after that, the
 * response can no longer change, so the connection is closed and the client sees a truncated
 * body.
 */
@FunctionalInterface
public interface BodyWriter {

    /**
     * Writes the body.
     *
     * @param out where the body goes; valid only until this method returns
     * @throws Exception anything the application fails with
     */
    void writeTo(OutputStream out) throws Exception;
}
