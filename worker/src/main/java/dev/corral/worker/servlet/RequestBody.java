package dev.corral.worker.servlet;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

/**
 * The request body as a servlet reads it. Corral's decoder has read the whole body (within
 * {@code limit_request_body}) before the application is called, so reading never blocks.
 * Handler thread of the request.
 */
final class RequestBody extends ServletInputStream {
    private final byte[] bytes;
    private int position;

    RequestBody(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public int read() {
        return position < bytes.length ? bytes[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (position >= bytes.length) {
            return -1;
        }
        int n = Math.min(len, bytes.length - position);
        System.arraycopy(bytes, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return bytes.length - position;
    }

    @Override
    public boolean isFinished() {
        return position >= bytes.length;
    }

    @Override
    public boolean isReady() {
        return true;
    }

    @Override
    public void setReadListener(ReadListener listener) {
        throw new IllegalStateException("Corral serves servlets synchronously: non-blocking input is not supported");
    }
}
