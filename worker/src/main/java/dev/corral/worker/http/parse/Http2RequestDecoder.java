package dev.corral.worker.http.parse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2HeadersFrame;

/**
 * One HTTP/2 stream's request, from its frames to the same {@link DecodedRequest} an HTTP/1.1
 * connection's decoder makes: the head checked by {@link Http2HeadRules}, the body gathered up
 * to {@code limit_request_body} and bounded in time by {@code body_timeout}, trailers checked and
 * dropped, as over HTTP/1.1. What it refuses becomes a {@link Rejection} for the stream's owner to
 * answer; the connection and its other streams go on. Netty's codec has already checked the
 * framing (stream states, HPACK, the header list size, Content-Length against the DATA frames).
 * Event loop only: one instance per stream, first in the stream's pipeline.
 */
public final class Http2RequestDecoder extends ChannelInboundHandlerAdapter {
    /** The version an HTTP/2 request is reported as: {@code HTTP/2.0}, as Jetty and Tomcat report it. */
    public static final HttpVersion HTTP_2 = HttpVersion.valueOf("HTTP/2.0");
    private static final int FIRST_BODY_BYTES = 1024;

    private final RequestLimits limits;
    private final RequestDeadline bodyDeadline = new RequestDeadline(this::bodyStalled);
    private Http2HeadRules.Head head;
    private ByteBuf body;
    private boolean done;

    public Http2RequestDecoder(RequestLimits limits) {
        this.limits = limits;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Http2HeadersFrame headers) {
            onHeaders(ctx, headers);
        } else if (msg instanceof Http2DataFrame data) {
            try {
                onData(ctx, data);
            } finally {
                data.release();
            }
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void onHeaders(ChannelHandlerContext ctx, Http2HeadersFrame frame) {
        if (done) {
            return;
        }
        try {
            if (head == null) {
                head = Http2HeadRules.check(frame.headers(), limits, frame.isEndStream());
                if (head.continueExpected()) {
                    ctx.fireChannelRead(DecoderSignal.CONTINUE_EXPECTED);
                }
            } else {
                Http2HeadRules.checkTrailers(frame.headers(), limits);
            }
            if (frame.isEndStream()) {
                complete(ctx);
            } else {
                bodyDeadline.arm(ctx, limits.bodyNanos());
            }
        } catch (BadRequestException e) {
            reject(ctx, e);
        }
    }

    private void onData(ChannelHandlerContext ctx, Http2DataFrame frame) {
        if (done || head == null) {
            return;
        }
        ByteBuf data = frame.content();
        long total = (body == null ? 0 : body.readableBytes()) + (long) data.readableBytes();
        if (total > Http2HeadRules.bodyLimit(limits)) {
            reject(ctx, new BadRequestException(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "body over the limit"));
            return;
        }
        if (data.isReadable()) {
            if (body == null) {
                int first = head.contentLength() > 0 ? (int) Math.min(head.contentLength(), 1 << 16) : FIRST_BODY_BYTES;
                body = ctx.alloc().buffer(Math.max(first, data.readableBytes()));
            }
            body.writeBytes(data);
        }
        if (frame.isEndStream()) {
            complete(ctx);
        } else {
            bodyDeadline.arm(ctx, limits.bodyNanos());
        }
    }

    private void complete(ChannelHandlerContext ctx) {
        done = true;
        bodyDeadline.cancel();
        ByteBuf whole = body == null ? Unpooled.EMPTY_BUFFER : body;
        body = null;
        ctx.fireChannelRead(new DecodedRequest(head.method(), head.target(), HTTP_2, head.headers(), whole));
    }

    private void reject(ChannelHandlerContext ctx, BadRequestException e) {
        done = true;
        release();
        ctx.fireChannelRead(new Rejection(e.status(), e.getMessage(), true,
                head == null ? null : head.method(), head == null ? null : head.target(), HTTP_2.text()));
    }

    // A client that stops sending a body holds a stream and its buffer: reset it, as HTTP/1.1
    // closes such a connection.
    private void bodyStalled(ChannelHandlerContext ctx) {
        if (!done) {
            done = true;
            release();
            ctx.close();
        }
    }

    private void release() {
        bodyDeadline.cancel();
        if (body != null) {
            body.release();
            body = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        release();
        ctx.fireChannelInactive();
    }
}
