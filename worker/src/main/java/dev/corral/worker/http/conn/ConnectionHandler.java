package dev.corral.worker.http.conn;

import dev.corral.worker.app.Response;
import dev.corral.worker.http.ServingStats;
import dev.corral.worker.http.call.AppCall;
import dev.corral.worker.http.call.Application;
import dev.corral.worker.http.call.Closing;
import dev.corral.worker.http.call.Exchange;
import dev.corral.worker.http.call.LeaderFollowers;
import dev.corral.worker.http.parse.DecodedRequest;
import dev.corral.worker.http.parse.DecoderSignal;
import dev.corral.worker.http.parse.Rejection;
import dev.corral.worker.http.wire.Outbound;
import dev.corral.worker.http.wire.ResponseHead;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of a connection: it takes the decoder's whole requests, hands them one at a
 * time to the application on a handler thread ({@link AppCall}), and writes the answers in the
 * order the requests came (pipelining). It alone decides keep-alive, when a held-back
 * {@code 100 Continue} goes out, idle and drain closes, and how the connection ends. A
 * {@link Rejection} takes its place in the order and ends the connection. Event loop only:
 * every method, including the {@link AppCall.Answers} callbacks, runs on the connection's loop.
 */
public final class ConnectionHandler extends ChannelInboundHandlerAdapter
        implements AppCall.Answers, KeepAliveTimer.Owner {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);
    // Pipelined requests beyond this wait in the socket, not in memory.
    private static final int MAX_QUEUED = 16;
    // On drain without keep-alive, a connection is closed once no byte arrived on it for this
    // long, so that a request already on the wire is answered (with Connection: close), not cut off.
    private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long MIN_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Application app;
    private final LeaderFollowers handlers;
    private final ServingStats stats;
    private final ExchangeLog log;
    private final AppRequests requests;
    private final ArrayDeque<Object> waiting = new ArrayDeque<>();
    private final Closing closing = new Closing();
    private ChannelHandlerContext ctx;
    private boolean inFlight;
    private PeerCertificates certificates;
    private boolean draining;
    private boolean inputClosed;
    // Bytes of a request have arrived and it is not whole yet.
    private boolean midRequest;
    private boolean continueOwed;
    private long lastReadNanos = System.nanoTime();
    private final KeepAliveTimer keepAlive;

    /**
     * @param keepaliveSeconds {@code keepalive}: how long a connection may wait between requests,
     *     0 for one request per connection
     * @param forwarded which peers may say who the client is
     */
    public ConnectionHandler(Application app, LeaderFollowers handlers, ServingStats stats, ExchangeLog log,
                             int keepaliveSeconds, ForwardedRule forwarded) {
        this.app = app;
        this.handlers = handlers;
        this.stats = stats;
        this.log = log;
        // Null with keepalive = 0: one request per connection.
        this.keepAlive = keepaliveSeconds > 0
                ? new KeepAliveTimer(TimeUnit.SECONDS.toNanos(keepaliveSeconds), this) : null;
        this.requests = new AppRequests(forwarded);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.certificates = new PeerCertificates(ctx.channel());
        if (keepAlive != null) {
            keepAlive.start(ctx.channel());
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg == DecoderSignal.HEAD_STARTED) {
            midRequest = true;
        } else if (msg == DecoderSignal.CONTINUE_EXPECTED) {
            // A 100 Continue must not overtake the answers to earlier pipelined requests.
            if (owesAnswers()) {
                continueOwed = true;
            } else {
                ctx.writeAndFlush(Outbound.Continue.INSTANCE);
            }
        } else {
            midRequest = false;
            continueOwed = false; // the request that wanted it has arrived whole
            waiting.add(msg);
            if (waiting.size() >= MAX_QUEUED) {
                ctx.channel().config().setAutoRead(false);
            }
            dispatchNext();
        }
    }

    // Bytes arriving need not move the keep-alive wait: from the first byte of a request to its
    // answer the connection is mid-request or owes an answer, which keepalive never closes, and
    // the answer starts the wait afresh. Only a drain without keep-alive goes by the last read.
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (keepAlive == null) {
            lastReadNanos = System.nanoTime();
        }
        ctx.fireChannelReadComplete();
    }

    private boolean owesAnswers() {
        return inFlight || !waiting.isEmpty();
    }

    private void dispatchNext() {
        if (inFlight || waiting.isEmpty()) {
            return;
        }
        Object next = waiting.poll();
        if (!ctx.channel().config().isAutoRead() && waiting.size() < MAX_QUEUED / 2) {
            ctx.channel().config().setAutoRead(true);
        }
        if (next instanceof Rejection rejection) {
            reject(rejection);
            return;
        }
        DecodedRequest request = (DecodedRequest) next;
        inFlight = true;
        Exchange exchange = new Exchange(requests.from(request, ctx.channel()), request.version().text(),
                keepAlive != null && request.keepAlive(), request.isHead(), closing,
                ctx.channel().localAddress() instanceof java.net.InetSocketAddress local ? local : null,
                certificates.chain());
        request.release();
        handlers.call(new AppCall(app, stats, ctx, exchange, this));
    }

    @Override
    public void whole(Exchange exchange, Response response) {
        inFlight = false;
        // A client that half-closed still gets answers to everything it sent before.
        boolean keepOpen = exchange.keepAlive() && !draining && !(inputClosed && waiting.isEmpty())
                && ctx.channel().isActive() && !ResponseHead.asksToClose(response.headers());
        byte[] body = response.body();
        ResponseHead head = ResponseHead.whole(response.status(), response.headers(), body.length, exchange.head(),
                keepOpen);
        stats.responseWritten();
        long answeredAt = log.answered(exchange, response.status(), response.headers(), head.bodySent() ? body.length : 0);
        ChannelFuture written = ctx.writeAndFlush(new Outbound.Whole(head, body));
        if (keepOpen) {
            answeredAt(answeredAt);
            dispatchNext();
            sendOwedContinue();
        } else if (clientClosesQuietly(exchange)) {
            ConnectionClose.quietly(written);
        } else {
            releaseWaiting();
            ConnectionClose.lingering(written);
        }
    }

    @Override
    public void streamed(Exchange exchange, Response response, AppCall.Streamed result) {
        inFlight = false;
        stats.responseWritten();
        long answeredAt = log.answered(exchange, response.status(), response.headers(), result.bodyBytes());
        if (result.end() != null && result.keepAlive() && !draining && !(inputClosed && waiting.isEmpty())
                && ctx.channel().isActive()) {
            answeredAt(answeredAt);
            dispatchNext();
            sendOwedContinue();
        } else if (result.end() == null) {
            releaseWaiting();
            ctx.close(); // a body cut short must not look complete
        } else if (clientClosesQuietly(exchange)) {
            ConnectionClose.quietly(result.end());
        } else {
            releaseWaiting();
            ConnectionClose.lingering(result.end());
        }
    }

    // The wait for the next request starts at {@code nanos}, when the answer went out.
    private void answeredAt(long nanos) {
        if (keepAlive != null) {
            keepAlive.activity(nanos);
        }
    }

    private void sendOwedContinue() {
        if (continueOwed && !owesAnswers()) {
            continueOwed = false;
            ctx.writeAndFlush(Outbound.Continue.INSTANCE);
        }
    }

    // The client asked to close (Connection: close, or HTTP/1.0 without keep-alive) and sent
    // nothing after this request.
    private boolean clientClosesQuietly(Exchange exchange) {
        return !exchange.keepAlive() && keepAlive != null && waiting.isEmpty() && !inputClosed && !midRequest;
    }

    private void reject(Rejection rejection) {
        LOG.debug("Rejected request: {} ({})", rejection.status(), rejection.reason());
        releaseWaiting();
        Outbound.Whole answer = Outbound.Whole.error(rejection.status().code());
        ConnectionClose.lingering(ctx.writeAndFlush(answer));
        log.rejected(ctx.channel().remoteAddress(), rejection, answer.body().length);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == Drain.INSTANCE) {
            draining = true;
            closing.set();
            // A connection between requests is left to its keepalive timer (or to the client),
            // as at any other time: closed sooner, it races the request a proxy is sending on it
            // this moment, which then meets a reset; nginx counts that against the host
            // (max_fails) and, the other host gone too, answers 502 until fail_timeout. The next
            // answer on it says Connection: close.
            if (keepAlive == null) {
                closeWhenQuiet();
            }
        } else if (evt instanceof ChannelInputShutdownEvent) {
            inputClosed = true;
            closeIfNothingOwed();
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    // keepalive bounds the wait between requests; a request under way has its own header and
    // body timeouts, which answer 408 or cut off a stalled body.
    @Override
    public boolean closeIfIdle() {
        return !midRequest && closeIfNothingOwed();
    }

    private boolean closeIfNothingOwed() {
        if (owesAnswers()) {
            return false;
        }
        ctx.close();
        return true;
    }

    // While draining: closes once nothing is owed and the client has been quiet between requests.
    private void closeWhenQuiet() {
        if (!ctx.channel().isActive() || owesAnswers()) {
            return; // the answer in flight will close it
        }
        long quietFor = System.nanoTime() - lastReadNanos;
        if (quietFor >= QUIET_NANOS && !midRequest) {
            ctx.close();
        } else {
            long wait = Math.max(QUIET_NANOS - quietFor, MIN_RECHECK_NANOS);
            ctx.executor().schedule(this::closeWhenQuiet, wait, TimeUnit.NANOSECONDS);
        }
    }

    private void releaseWaiting() {
        for (Object o : waiting) {
            if (o instanceof DecodedRequest r) {
                r.release();
            }
        }
        waiting.clear();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseWaiting();
        if (keepAlive != null) {
            keepAlive.stop();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset or broken connection is the client's business; log it only when debugging.
        LOG.debug("Connection error: {}", cause.toString());
        ctx.close();
    }
}
