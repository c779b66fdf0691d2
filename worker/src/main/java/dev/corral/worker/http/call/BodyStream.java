package dev.corral.worker.http.call;

import dev.corral.worker.http.wire.Outbound;
import dev.corral.worker.http.wire.ResponseHead;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code OutputStream} a {@link dev.corral.worker.app.BodyWriter} writes to, on a handler
 * thread. It buffers; the response commits (its head is decided and sent) when the buffer
 * fills or the writer flushes, and until then a failing writer can still become a 500 and a
 * short body can still go out whole. After the commit it hands pieces to the event loop; when
 * the connection's outbound buffer is over its high-water mark it waits for the last write,
 * which is the backpressure.
 */
final class BodyStream extends OutputStream {
    private static final int BUFFER = 8192;
    private static final long STALL_SECONDS = 30;

    private final ChannelHandlerContext ctx;
    private final Exchange exchange;
    private final int status;
    private final List<Map.Entry<String, String>> headers;
    private final byte[] buffer = new byte[BUFFER];
    private int count;
    private ResponseHead head;
    private long bodyBytes;
    private ChannelFuture lastWrite;

    BodyStream(ChannelHandlerContext ctx, Exchange exchange, int status, List<Map.Entry<String, String>> headers) {
        this.ctx = ctx;
        this.exchange = exchange;
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
    }

    /** Whether the head has been sent: from then on the response cannot change. */
    boolean committed() {
        return head != null;
    }

    /** What was written and not yet sent, for a response that never committed. */
    byte[] buffered() {
        return Arrays.copyOf(buffer, count);
    }

    /** Whether the committed head allows the connection to stay open. */
    boolean keepAlive() {
        return head != null && head.keepAlive();
    }

    long bodyBytes() {
        return bodyBytes;
    }

    /** Sends what is left and the end of the body; returns the last write. */
    ChannelFuture finish() throws IOException {
        send();
        lastWrite = ctx.writeAndFlush(Outbound.End.INSTANCE);
        return lastWrite;
    }

    private void send() throws IOException {
        if (!ctx.channel().isActive()) {
            throw new IOException("the client closed the connection");
        }
        if (head == null) {
            boolean keepAlive = exchange.keepAlive() && !exchange.closing().isSet() && !ResponseHead.asksToClose(headers);
            head = ResponseHead.streamed(status, headers, exchange.head(), exchange.http11(), keepAlive);
            ctx.write(new Outbound.Head(head));
        }
        if (count == 0 || !head.bodySent()) {
            count = 0;
            ctx.flush();
            return;
        }
        ByteBuf data = ctx.alloc().buffer(count).writeBytes(buffer, 0, count);
        bodyBytes += count;
        count = 0;
        lastWrite = ctx.writeAndFlush(new Outbound.Part(data));
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
