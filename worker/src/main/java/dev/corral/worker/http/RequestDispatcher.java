package dev.corral.worker.http;

import dev.corral.worker.app.Handler;
import dev.corral.worker.app.Request;
import dev.corral.worker.app.Response;
import dev.corral.worker.http.parse.Rejection;
import dev.corral.worker.http.parse.StrictRequestDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each request of one connection to the application on a handler thread and writes the
 * answers back in the order the requests came (pipelining), one request at a time per
 * connection. A {@link Rejection} from the decoder takes its place in that order and ends the
 * connection. All its state belongs to the connection's event loop.
 */
final class RequestDispatcher extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);
    // Pipelined requests beyond this wait in the socket, not in memory.
    private static final int MAX_QUEUED = 16;
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Handler app;
    private final HandlerPool handlers;
    private final ServingStats stats;
    private final ConnectionPolicy policy;
    // The same connection's decoder: whether a next request has begun is its to say.
    private final StrictRequestDecoder decoder;
    private final ArrayDeque<Object> waiting = new ArrayDeque<>();
    private boolean inFlight;
    private boolean draining;
    private boolean inputClosed;
    private final AppRequests requests;
    private boolean continueOwed;

    RequestDispatcher(Handler app, HandlerPool handlers, ServingStats stats, ConnectionPolicy policy,
                      StrictRequestDecoder decoder) {
        this.app = app;
        this.handlers = handlers;
        this.stats = stats;
        this.policy = policy;
        this.decoder = decoder;
        this.requests = new AppRequests(policy.forwarded());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest) && !(msg instanceof Rejection)) {
            // e.g. the aggregator's own answers; nothing else reaches here.
            ReferenceCountUtil.release(msg);
            return;
        }
        continueOwed = false; // the request that wanted it has arrived whole
        waiting.add(msg);
        if (waiting.size() >= MAX_QUEUED) {
            ctx.channel().config().setAutoRead(false);
        }
        dispatchNext(ctx);
    }

    private void dispatchNext(ChannelHandlerContext ctx) {
        if (inFlight || waiting.isEmpty()) {
            return;
        }
        Object next = waiting.poll();
        if (!ctx.channel().config().isAutoRead() && waiting.size() < MAX_QUEUED / 2) {
            ctx.channel().config().setAutoRead(true);
        }
        if (next instanceof Rejection rejection) {
            LOG.debug("Rejected request: {} ({})", rejection.status(), rejection.reason());
            int bodyLength = rejectAndClose(ctx, rejection.status());
            policy.logRejected(ctx.channel(), rejection, bodyLength);
            return;
        }
        FullHttpRequest request = (FullHttpRequest) next;
        inFlight = true;
        Exchange exchange = new Exchange(requests.from(request, ctx.channel()), request.protocolVersion().text(),
                policy.keepAliveAllowed() && HttpUtil.isKeepAlive(request), HttpMethod.HEAD.equals(request.method()));
        request.release();
        PollWhileAnswering.handedOff();
        handlers.execute(() -> {
            Response response = runApp(exchange.request());
            if (response.writer() != null) {
                stream(ctx, exchange, response);
            } else {
                ctx.executor().execute(() -> complete(ctx, exchange, response));
            }
        }, ctx.channel().eventLoop());
    }

    private Response runApp(Request request) {
        stats.handlerStarted();
        try {
            Response response = app.handle(request);
            if (response == null) {
                return failure(request, new NullPointerException("null response"));
            }
            String invalid = ResponseWriter.invalidHeader(response);
            return invalid == null ? response : failure(request, new IllegalStateException(invalid));
        } catch (Exception | LinkageError | StackOverflowError e) {
            return failure(request, e);
        } finally {
            stats.handlerFinished();
        }
    }

    private static Response failure(Request request, Throwable e) {
        LOG.error("Error handling request {} {}", request.method(), request.uri(), e);
        return Response.text(500, "Internal Server Error");
    }

    private void complete(ChannelHandlerContext ctx, Exchange exchange, Response response) {
        PollWhileAnswering.answered();
        inFlight = false;
        // A client that half-closed still gets answers to everything it sent before.
        boolean keepOpen = exchange.keepAlive() && !draining && !(inputClosed && waiting.isEmpty())
                && ctx.channel().isActive();
        ByteBuf out = ResponseWriter.encode(ctx.alloc(), response, keepOpen, exchange.head(), policy.serverHeader());
        stats.responseWritten();
        policy.log(exchange, response, exchange.head() ? 0 : response.body().length);
        if (keepOpen) {
            ctx.writeAndFlush(out);
            dispatchNext(ctx);
            sendOwedContinue(ctx);
        } else if (clientClosesQuietly(exchange)) {
            ConnectionPolicy.closeAfterLast(ctx.writeAndFlush(out));
        } else {
            releaseWaiting();
            ConnectionPolicy.closeAfter(ctx.writeAndFlush(out));
        }
    }

    /** Whether answers to earlier requests of this connection are still to be sent. */
    boolean owesAnswers() {
        return inFlight || !waiting.isEmpty();
    }

    /** The aggregator held back a 100 Continue until the earlier answers are out. */
    void continueOwed() {
        continueOwed = true;
    }

    private void sendOwedContinue(ChannelHandlerContext ctx) {
        if (continueOwed && !owesAnswers()) {
            continueOwed = false;
            ctx.writeAndFlush(Unpooled.wrappedBuffer(CONTINUE));
        }
    }

    // The client asked to close (Connection: close, or HTTP/1.0 without keep-alive) and sent
    // nothing after this request.
    private boolean clientClosesQuietly(Exchange exchange) {
        return !exchange.keepAlive() && policy.keepAliveAllowed() && waiting.isEmpty() && !inputClosed
                && decoder.betweenRequests();
    }

    // On the handler thread: the application writes the body; the loop only sends chunks.
    private void stream(ChannelHandlerContext ctx, Exchange exchange, Response response) {
        int status = response.status();
        // HEAD, 1xx, 204 and 304 answers have no body: the writer runs, its output is dropped.
        boolean noBody = exchange.head() || status < 200 || status == 204 || status == 304;
        boolean chunked = "HTTP/1.1".equals(exchange.protocol()) && !noBody;
        boolean keepAlive = exchange.keepAlive() && (chunked || noBody);
        ChunkedBodyStream out = new ChunkedBodyStream(ctx,
                ResponseWriter.streamHead(response, keepAlive, chunked, policy.serverHeader()), chunked, noBody);
        ChannelFuture end = null;
        stats.handlerStarted();
        try {
            response.writer().writeTo(out);
            end = out.finish();
        } catch (Exception | LinkageError | StackOverflowError e) {
            if (!out.headSent()) {
                Response failed = failure(exchange.request(), e);
                ctx.executor().execute(() -> complete(ctx, exchange, failed));
                return;
            }
            LOG.error("Error streaming the response to {} {}", exchange.request().method(), exchange.request().uri(), e);
        } finally {
            stats.handlerFinished();
        }
        ChannelFuture last = end;
        ctx.executor().execute(() -> streamed(ctx, exchange, response, out.bodyBytes(), last, keepAlive));
    }

    private void streamed(ChannelHandlerContext ctx, Exchange exchange, Response response, long bodyBytes,
                          ChannelFuture end, boolean keepAlive) {
        PollWhileAnswering.answered();
        inFlight = false;
        stats.responseWritten();
        policy.log(exchange, response, bodyBytes);
        if (end != null && keepAlive && !draining && !(inputClosed && waiting.isEmpty()) && ctx.channel().isActive()) {
            dispatchNext(ctx);
            sendOwedContinue(ctx);
        } else {
            releaseWaiting();
            if (end == null) {
                ctx.close(); // a body cut short must not look complete
            } else {
                ConnectionPolicy.closeAfter(end);
            }
        }
    }

    // Returns the bytes of body sent.
    private int rejectAndClose(ChannelHandlerContext ctx, HttpResponseStatus status) {
        releaseWaiting();
        var answer = ResponseWriter.error(ctx.alloc(), status, policy.serverHeader());
        int body = answer.content().readableBytes();
        ConnectionPolicy.closeAfter(ctx.writeAndFlush(answer));
        return body;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            // keepalive bounds the wait between requests; a request under way has its own
            // header and body timeouts, which answer 408 or cut off a stalled body.
            if (decoder.betweenRequests()) {
                closeIfIdle(ctx);
            }
        } else if (evt == HttpServer.Drain.INSTANCE) {
            draining = true;
            policy.closeWhenQuiet(ctx, decoder, () -> !inFlight && waiting.isEmpty());
        } else if (evt instanceof ChannelInputShutdownEvent) {
            inputClosed = true;
            closeIfIdle(ctx);
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    private void closeIfIdle(ChannelHandlerContext ctx) {
        if (!inFlight && waiting.isEmpty()) {
            ctx.close();
        }
    }

    private void releaseWaiting() {
        waiting.forEach(ReferenceCountUtil::release);
        waiting.clear();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseWaiting();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset or broken connection is the client's business; log it only when debugging.
        LOG.debug("Connection error: {}", cause.toString());
        ctx.close();
    }

    /** One request on its way through the application. */
    record Exchange(Request request, String protocol, boolean keepAlive, boolean head, long startNanos,
                    long startMillis) {
        Exchange(Request request, String protocol, boolean keepAlive, boolean head) {
            this(request, protocol, keepAlive, head, System.nanoTime(), System.currentTimeMillis());
        }
    }
}
