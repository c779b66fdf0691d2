package dev.corral.worker.http.call;

import dev.corral.worker.app.Response;
import dev.corral.worker.http.wire.HeaderRules;
import dev.corral.worker.http.wire.Outbound;
import dev.corral.worker.http.wire.ResponseHead;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The way back for one answer, used by the application's call on its handler thread: either
 * {@link #whole} (the event loop writes it, with {@code Content-Length}), or {@link #commit}
 * the head, {@link #send} the body piece by piece and {@link #finish}. Whatever the application
 * sends is checked here once: a head that breaks the header rules is never written. When the
 * connection's outbound buffer is over its high-water mark, {@link #send} waits for the last
 * write: that is the backpressure. The connection's {@link AppCall.Answers} then run on its loop.
 */
public final class Reply {
    private static final long STALL_SECONDS = 30;

    private final ChannelHandlerContext ctx;
    private final Exchange exchange;
    private final AppCall.Answers answers;
    private ResponseHead head;
    private Response committed;
    private long bodyBytes;
    private ChannelFuture lastWrite;
    private boolean answered;

    Reply(ChannelHandlerContext ctx, Exchange exchange, AppCall.Answers answers) {
        this.ctx = ctx;
        this.exchange = exchange;
        this.answers = answers;
    }

    /** The request this answers. */
    public Exchange exchange() {
        return exchange;
    }

    /** Whether a head has been sent: from then on status and headers cannot change. */
    public boolean committed() {
        return head != null;
    }

    /** Whether the answer is complete (whole, finished or aborted). */
    public boolean answered() {
        return answered;
    }

    /** Body bytes sent after the commit. */
    public long bodyBytes() {
        return bodyBytes;
    }

    /**
     * Answers with a whole body; the event loop writes it.
     *
     * @throws IllegalStateException when the status or a header is not one Corral will send
     */
    public void whole(int status, List<Map.Entry<String, String>> headers, byte[] body) {
        check(status, headers);
        if (head != null || answered) {
            throw new IllegalStateException("the response was already committed");
        }
        answered = true;
        Response response = new Response(status, headers, body);
        ctx.executor().execute(() -> answers.whole(exchange, response));
    }

    /**
     * Sends the head of a response whose body follows in {@link #send}s: chunked for HTTP/1.1.
     *
     * @throws IllegalStateException when the status or a header is not one Corral will send
     */
    public void commit(int status, List<Map.Entry<String, String>> headers) throws IOException {
        check(status, headers);
        if (head != null || answered) {
            throw new IllegalStateException("the response was already committed");
        }
        ensureOpen();
        boolean keepAlive = exchange.keepAlive() && !exchange.closing().isSet() && !ResponseHead.asksToClose(headers);
        head = ResponseHead.streamed(status, headers, exchange.head(), exchange.framesOpenEndedBodies(), keepAlive);
        committed = new Response(status, headers, new byte[0]);
        ctx.write(new Outbound.Head(head));
    }

    /** Sends body bytes after {@link #commit}; nothing goes out for a HEAD or a bodiless status. */
    public void send(byte[] b, int off, int len) throws IOException {
        if (len == 0 || !head.bodySent()) {
            return;
        }
        ensureOpen();
        ByteBuf data = ctx.alloc().buffer(len).writeBytes(b, off, len);
        bodyBytes += len;
        lastWrite = ctx.writeAndFlush(new Outbound.Part(data));
        if (!ctx.channel().isWritable()) {
            awaitDrained();
        }
    }

    /** Pushes what was written to the client now. */
    public void flush() throws IOException {
        if (head != null) {
            ensureOpen();
            ctx.flush();
        }
    }

    /** Ends a committed body; the connection goes on as its head said. */
    public void finish() throws IOException {
        if (answered) {
            return;
        }
        ensureOpen();
        answered = true;
        ChannelFuture end = ctx.writeAndFlush(Outbound.End.INSTANCE);
        report(end);
    }

    /** Ends a committed body cut short: the connection closes, so that it cannot look complete. */
    public void abort() {
        if (!answered) {
            answered = true;
            report(null);
        }
    }

    private void report(ChannelFuture end) {
        AppCall.Streamed result = new AppCall.Streamed(bodyBytes, end, head.keepAlive());
        Response response = committed;
        ctx.executor().execute(() -> answers.streamed(exchange, response, result));
    }

    private static void check(int status, List<Map.Entry<String, String>> headers) {
        if (status < 200 || status > 599) {
            // A 1xx is an interim answer: the client would wait on for the final one, and read
            // the next pipelined answer as this one's.
            throw new IllegalStateException("status " + status + " cannot be the final answer");
        }
        String invalid = HeaderRules.invalid(headers);
        if (invalid != null) {
            throw new IllegalStateException(invalid);
        }
    }

    private void ensureOpen() throws IOException {
        if (!ctx.channel().isActive()) {
            throw new IOException("the client closed the connection");
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
