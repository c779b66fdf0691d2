package dev.corral.worker.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

/**
 * The {@code OutputStream} a {@link dev.corral.worker.app.BodyWriter} writes to, used on a
 * handler thread. It buffers, sends the response head with the first bytes (so that a writer
 * failing before any output can still become a 500), and hands chunks to the event loop; when
 * the channel's outbound buffer is over its high-water mark it waits for the last write, which
 * is the backpressure.
 */
final class ChunkedBodyStream extends OutputStream {
    private static final int BUFFER = 8192;
    private static final long STALL_SECONDS = 30;

    private final ChannelHandlerContext ctx;
    private final HttpResponse head;
    private final boolean chunked;
    private final boolean discard;
    private final byte[] buffer = new byte[BUFFER];
    private int count;
    private boolean headSent;
    private long bodyBytes;
    private ChannelFuture lastWrite;

    /**
     * @param chunked chunked framing (HTTP/1.1); otherwise the body ends when the connection does
     * @param discard send the head only (HEAD requests)
     */
    ChunkedBodyStream(ChannelHandlerContext ctx, HttpResponse head, boolean chunked, boolean discard) {
        this.ctx = ctx;
        this.head = head;
        this.chunked = chunked;
        this.discard = discard;
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
    }

    boolean headSent() {
        return headSent;
    }

    long bodyBytes() {
        return bodyBytes;
    }

    /** Sends what is left and the end of the body; returns the last write. */
    ChannelFuture finish() throws IOException {
        send();
        if (chunked && !discard) {
            lastWrite = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        } else if (lastWrite == null) {
            lastWrite = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        }
        return lastWrite;
    }

    private void send() throws IOException {
        if (!ctx.channel().isActive()) {
            throw new IOException("the client closed the connection");
        }
        if (!headSent) {
            headSent = true;
            ctx.write(head);
        }
        if (count == 0 || discard) {
            bodyBytes += discard ? count : 0;
            count = 0;
            ctx.flush();
            return;
        }
        ByteBuf data = ctx.alloc().buffer(count).writeBytes(buffer, 0, count);
        bodyBytes += count;
        count = 0;
        lastWrite = ctx.writeAndFlush(chunked ? new DefaultHttpContent(data) : data);
        if (!ctx.channel().isWritable()) {
            awaitDrained();
        }
    }

    private void awaitDrained() throws IOException {
        try {
            if (!lastWrite.await(STALL_SECONDS, TimeUnit.SECONDS) || !lastWrite.isSuccess()) {
                throw new IOException("the client stopped reading");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the client was slow", e);
        }
    }
}
