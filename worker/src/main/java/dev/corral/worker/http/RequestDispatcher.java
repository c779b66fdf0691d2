package dev.corral.worker.http;

import dev.corral.worker.app.Handler;
import dev.corral.worker.app.Request;
import dev.corral.worker.app.Response;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each request of one connection to the application on a handler thread and writes the
 * answers back in the order the requests came (pipelining), one request at a time per
 * connection. All its state belongs to the connection's event loop.
 */
final class RequestDispatcher extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);
    // Pipelined requests beyond this wait in the socket, not in memory.
    private static final int MAX_QUEUED = 16;

    private final Handler app;
    private final Executor handlers;
    private final ServingStats stats;
    private final boolean keepAliveAllowed;
    private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
    private boolean inFlight;
    private boolean draining;

    RequestDispatcher(Handler app, Executor handlers, ServingStats stats, boolean keepAliveAllowed) {
        this.app = app;
        this.handlers = handlers;
        this.stats = stats;
        this.keepAliveAllowed = keepAliveAllowed;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!request.decoderResult().isSuccess()) {
            request.release();
            rejectAndClose(ctx, HttpResponseStatus.BAD_REQUEST);
            return;
        }
        waiting.add(request);
        if (waiting.size() >= MAX_QUEUED) {
            ctx.channel().config().setAutoRead(false);
        }
        dispatchNext(ctx);
    }

    private void dispatchNext(ChannelHandlerContext ctx) {
        if (inFlight || waiting.isEmpty()) {
            return;
        }
        FullHttpRequest request = waiting.poll();
        if (!ctx.channel().config().isAutoRead() && waiting.size() < MAX_QUEUED / 2) {
            ctx.channel().config().setAutoRead(true);
        }
        inFlight = true;
        boolean keepAlive = keepAliveAllowed && HttpUtil.isKeepAlive(request);
        boolean head = HttpMethod.HEAD.equals(request.method());
        Request appRequest = toAppRequest(request, ctx.channel().remoteAddress());
        request.release();
        try {
            handlers.execute(() -> {
                Response response = runApp(appRequest);
                ctx.executor().execute(() -> complete(ctx, response, keepAlive, head));
            });
        } catch (RejectedExecutionException stopping) {
            inFlight = false;
            rejectAndClose(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE);
        }
    }

    private Response runApp(Request request) {
        stats.handlerStarted();
        try {
            Response response = app.handle(request);
            return response != null ? response : failure(request, new NullPointerException("null response"));
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

    private void complete(ChannelHandlerContext ctx, Response response, boolean keepAlive, boolean head) {
        inFlight = false;
        boolean keepOpen = keepAlive && !draining && ctx.channel().isActive();
        FullHttpResponse out = ResponseWriter.toNetty(ctx.alloc(), response, keepOpen, head);
        stats.responseWritten();
        if (keepOpen) {
            ctx.writeAndFlush(out);
            dispatchNext(ctx);
        } else {
            waiting.forEach(FullHttpRequest::release);
            waiting.clear();
            ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void rejectAndClose(ChannelHandlerContext ctx, HttpResponseStatus status) {
        ctx.writeAndFlush(ResponseWriter.error(ctx.alloc(), status)).addListener(ChannelFutureListener.CLOSE);
    }

    private static Request toAppRequest(FullHttpRequest request, SocketAddress remote) {
        var headers = request.headers().entries().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue()))
                .toList();
        return new Request(request.method().name(), request.uri(), headers,
                ByteBufUtil.getBytes(request.content()),
                remote instanceof InetSocketAddress inet ? inet : null);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent || evt == HttpServer.Drain.INSTANCE) {
            draining |= evt == HttpServer.Drain.INSTANCE;
            if (!inFlight && waiting.isEmpty()) {
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        waiting.forEach(FullHttpRequest::release);
        waiting.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset or broken connection is the client's business; log it only when debugging.
        LOG.debug("Connection error: {}", cause.toString());
        ctx.close();
    }
}
