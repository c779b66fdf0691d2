package dev.corral.worker.http.h2;

import dev.corral.worker.app.Response;
import dev.corral.worker.http.call.AppCall;
import dev.corral.worker.http.call.Exchange;
import dev.corral.worker.http.parse.DecodedRequest;
import dev.corral.worker.http.parse.DecoderSignal;
import dev.corral.worker.http.parse.Rejection;
import dev.corral.worker.http.wire.Outbound;
import dev.corral.worker.http.wire.ResponseHead;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owner of one HTTP/2 stream: it hands the stream's request to the application on a handler
 * thread ({@link AppCall}), exactly as an HTTP/1.1 connection's owner does, and writes the answer
 * on the stream. A request the decoder refused is answered with its 4xx on this stream alone. A
 * stream the client reset before its call started is not run. Event loop only: every method,
 * including the {@link AppCall.Answers} callbacks, runs on the connection's loop.
 */
final class Http2StreamHandler extends ChannelInboundHandlerAdapter implements AppCall.Answers {
    private static final Logger LOG = LoggerFactory.getLogger(Http2StreamHandler.class);

    private final Http2Streams connection;
    private ChannelHandlerContext ctx;

    Http2StreamHandler(Http2Streams connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof DecodedRequest request) {
            dispatch(ctx, request);
        } else if (msg instanceof Rejection rejection) {
            reject(ctx, rejection);
        } else if (msg == DecoderSignal.CONTINUE_EXPECTED) {
            ctx.writeAndFlush(Outbound.Continue.INSTANCE);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void dispatch(ChannelHandlerContext ctx, DecodedRequest request) {
        Exchange exchange;
        try {
            exchange = connection.exchange(request);
        } finally {
            request.release();
        }
        AppCall call = new AppCall(connection.app(), connection.stats(), ctx, exchange, this);
        connection.handlers().call(() -> {
            // A reset stream has nobody to answer: rapid reset (CVE-2023-44487) must not make
            // the handler threads work for a client that is gone.
            if (ctx.channel().isActive()) {
                call.run();
            }
        });
    }

    @Override
    public void whole(Exchange exchange, Response response) {
        connection.stats().responseWritten();
        byte[] body = response.body();
        ResponseHead head = ResponseHead.whole(response.status(), response.headers(), body.length, exchange.head(),
                true);
        connection.answeredAt(connection.log().answered(exchange, response.status(), response.headers(),
                head.bodySent() ? body.length : 0));
        ctx.writeAndFlush(new Outbound.Whole(head, body));
    }

    @Override
    public void streamed(Exchange exchange, Response response, AppCall.Streamed result) {
        connection.stats().responseWritten();
        connection.answeredAt(connection.log().answered(exchange, response.status(), response.headers(),
                result.bodyBytes()));
        if (result.end() == null) {
            ctx.close(); // RST_STREAM: a body cut short must not look complete
        }
    }

    private void reject(ChannelHandlerContext ctx, Rejection rejection) {
        LOG.debug("Rejected HTTP/2 request: {} ({})", rejection.status(), rejection.reason());
        Outbound.Whole answer = Outbound.Whole.error(rejection.status().code());
        // Answered before the client finished sending: RFC 9113 §8.1 asks it to stop with a
        // RST_STREAM of NO_ERROR, not to read a reset as a failure (a plain close would say CANCEL).
        ctx.writeAndFlush(answer).addListener(f -> {
            if (ctx.channel().isActive()) {
                ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.NO_ERROR)).addListener(ChannelFutureListener.CLOSE);
            }
        });
        connection.log().rejected(ctx.channel().parent().remoteAddress(), rejection, answer.body().length);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        // RST_STREAM and GOAWAY reach a stream as events; the stream closes on its own.
        ReferenceCountUtil.release(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("HTTP/2 stream error: {}", cause.toString());
        // The codec resets a stream it found at fault with the code that says why
        // (PROTOCOL_ERROR for a body that is not its content-length); a close here would say CANCEL.
        if (!(cause instanceof io.netty.handler.codec.http2.Http2Exception)) {
            ctx.close();
        }
    }
}
