package dev.corral.worker.http.call;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The {@code OutputStream} a {@link dev.corral.worker.app.BodyWriter} writes to, on a handler
 * thread. It buffers; the response commits (its head is decided and sent) when the buffer
 * fills or the writer flushes, and until then a failing writer can still become a 500 and a
 * short body can still go out whole, with {@code Content-Length}.
 */
final class BodyStream extends OutputStream {
    private static final int BUFFER = 8192;

    private final Reply reply;
    private final int status;
    private final List<Map.Entry<String, String>> headers;
    private final byte[] buffer = new byte[BUFFER];
    private int count;

    BodyStream(Reply reply, int status, List<Map.Entry<String, String>> headers) {
        this.reply = reply;
        this.status = status;
        this.headers = headers;
    }

    @Override
    public void write(int b) throws IOException {
        if (count == BUFFER) {
            send();
        }
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (count == BUFFER) {
                send();
            }
            int n = Math.min(len, BUFFER - count);
            System.arraycopy(b, off, buffer, count, n);
            count += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        send();
        reply.flush();
    }

    /** Ends the body: whole when it never committed, else what is left and the end. */
    void finish() throws IOException {
        if (!reply.committed()) {
            reply.whole(status, headers, Arrays.copyOf(buffer, count));
            return;
        }
        send();
        reply.finish();
    }

    private void send() throws IOException {
        if (!reply.committed()) {
            reply.commit(status, headers);
        }
        reply.send(buffer, 0, count);
        count = 0;
    }
}
