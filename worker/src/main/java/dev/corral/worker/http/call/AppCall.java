package dev.corral.worker.http.call;

import dev.corral.worker.app.Handler;
import dev.corral.worker.app.Request;
import dev.corral.worker.app.Response;
import dev.corral.worker.http.ServingStats;
import dev.corral.worker.http.wire.HeaderRules;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call into the application for one request. Runs on a handler thread, never on an event
 * loop: the application may block. A whole response goes back to the connection's event loop
 * to be written there; a streamed body is written from here as the application produces it
 * (see {@link BodyStream}), and the loop then hears how it ended. Either way the connection's
 * {@link Answers} run on its event loop.
 */
public final class AppCall implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(AppCall.class);

    /** What the connection's owner does with an answer; called on the connection's event loop. */
    public interface Answers {
        /** {@code response} is complete, its body whole: write it. */
        void whole(Exchange exchange, Response response);

        /** A streamed response was sent; {@code end} is its last write, null when it was cut short. */
        void streamed(Exchange exchange, Response response, Streamed result);
    }

    /**
     * How a streamed response went out.
     *
     * @param bodyBytes body bytes sent
     * @param end the last write, or null when the body was cut short (the connection must close)
     * @param keepAlive whether its head allowed the connection to stay open
     */
    public record Streamed(long bodyBytes, ChannelFuture end, boolean keepAlive) {
    }

    private final Handler app;
    private final ServingStats stats;
    private final ChannelHandlerContext ctx;
    private final Exchange exchange;
    private final Answers answers;

    /** @param ctx the connection, whose event loop runs {@code answers} */
    public AppCall(Handler app, ServingStats stats, ChannelHandlerContext ctx, Exchange exchange, Answers answers) {
        this.app = app;
        this.stats = stats;
        this.ctx = ctx;
        this.exchange = exchange;
        this.answers = answers;
    }

    @Override
    public void run() {
        Response response = handle(exchange.request());
        if (response.writer() == null) {
            answerWhole(response);
        } else {
            stream(response);
        }
    }

    private Response handle(Request request) {
        stats.handlerStarted();
        try {
            Response response = app.handle(request);
            if (response == null) {
                return failure(new NullPointerException("null response"));
            }
            if (response.status() < 200) {
                // A 1xx is an interim answer: the client would wait on for the final one, and read
                // the next pipelined answer as this one's.
                return failure(new IllegalStateException("status " + response.status() + " cannot be the final answer"));
            }
            String invalid = HeaderRules.invalid(response.headers());
            return invalid == null ? response : failure(new IllegalStateException(invalid));
        } catch (Exception | LinkageError | StackOverflowError e) {
            return failure(e);
        } finally {
            stats.handlerFinished();
        }
    }

    // The writer's output stays in the buffer until it fills or is flushed: a body that ends
    // before then goes out whole, with Content-Length, as any other whole response.
    private void stream(Response response) {
        BodyStream out = new BodyStream(ctx, exchange, response.status(), response.headers());
        ChannelFuture end = null;
        stats.handlerStarted();
        try {
            response.writer().writeTo(out);
            if (!out.committed()) {
                answerWhole(new Response(response.status(), response.headers(), out.buffered()));
                return;
            }
            end = out.finish();
        } catch (Exception | LinkageError | StackOverflowError e) {
            if (!out.committed()) {
                answerWhole(failure(e));
                return;
            }
            LOG.error("Error streaming the response to {} {}", exchange.request().method(), exchange.request().uri(), e);
        } finally {
            stats.handlerFinished();
        }
        Streamed result = new Streamed(out.bodyBytes(), end, out.keepAlive());
        ctx.executor().execute(() -> answers.streamed(exchange, response, result));
    }

    private void answerWhole(Response response) {
        ctx.executor().execute(() -> answers.whole(exchange, response));
    }

    private Response failure(Throwable e) {
        LOG.error("Error handling request {} {}", exchange.request().method(), exchange.request().uri(), e);
        return Response.text(500, "Internal Server Error");
    }
}
