package dev.corral.worker.servlet;

import dev.corral.worker.http.call.Reply;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.util.Arrays;

/**
 * The servlet response's buffer and output stream, on the request's handler thread. Until the
 * buffer fills or the application flushes, nothing is sent: status and headers may still
 * change, and a body that ends within the buffer goes out whole with {@code Content-Length}.
 * Past that, the response commits (its head is taken from the response as it stands) and the
 * body goes out chunked, piece by piece, with backpressure from the connection.
 */
final class ResponseBody extends ServletOutputStream {
    static final int DEFAULT_SIZE = 8192;

    private final BridgeResponse response;
    private final Reply reply;
    private byte[] buffer = new byte[DEFAULT_SIZE];
    private int count;
    private long written;
    // Output is ignored from here on: closed, a sendError or redirect, or Content-Length reached.
    private boolean suspended;

    ResponseBody(BridgeResponse response, Reply reply) {
        this.response = response;
        this.reply = reply;
    }

    int size() {
        return buffer.length;
    }

    void resize(int size) {
        buffer = new byte[Math.max(size, 512)];
    }

    boolean committed() {
        return reply.committed();
    }

    /** Body bytes the application wrote, kept or sent. */
    long written() {
        return written;
    }

    boolean suspended() {
        return suspended;
    }

    void suspend(boolean on) {
        suspended = on;
    }

    @Override
    public void write(int b) throws IOException {
        if (suspended) {
            return;
        }
        if (count == buffer.length) {
            send();
        }
        buffer[count++] = (byte) b;
        written++;
        completeIfLengthReached();
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (suspended) {
            return;
        }
        long limit = response.declaredLength();
        if (limit >= 0 && written + len > limit) {
            len = (int) Math.max(0, limit - written);
        }
        written += len;
        while (len > 0) {
            if (count == buffer.length) {
                send();
            }
            int n = Math.min(len, buffer.length - count);
            System.arraycopy(b, off, buffer, count, n);
            count += n;
            off += n;
            len -= n;
        }
        completeIfLengthReached();
    }

    // The spec closes the response once the declared Content-Length has been written.
    private void completeIfLengthReached() {
        long limit = response.declaredLength();
        if (limit >= 0 && written >= limit) {
            suspended = true;
        }
    }

    @Override
    public void flush() throws IOException {
        response.flushWriter();
        send();
        reply.flush();
    }

    @Override
    public void close() {
        suspended = true;
    }

    /** Forgets what is buffered and not sent. */
    void clear() {
        count = 0;
        written = 0;
    }

    /** Commits now, with the response's status and headers, and sends what is buffered. */
    void send() throws IOException {
        if (!reply.committed()) {
            reply.commit(response.getStatus(), response.headFields(false));
        }
        reply.send(buffer, 0, count);
        count = 0;
    }

    /** Ends the response: whole if it never committed, otherwise the rest and the end. */
    void finish() throws IOException {
        if (reply.answered()) {
            return;
        }
        if (!reply.committed()) {
            reply.whole(response.getStatus(), response.headFields(true), Arrays.copyOf(buffer, count));
            return;
        }
        reply.send(buffer, 0, count);
        count = 0;
        reply.finish();
    }

    @Override
    public boolean isReady() {
        return true;
    }

    @Override
    public void setWriteListener(WriteListener listener) {
        throw new IllegalStateException("Corral serves servlets synchronously: non-blocking output is not supported");
    }
}
