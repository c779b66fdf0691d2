package dev.corral.worker.http.call;

import dev.corral.worker.app.Response;
import dev.corral.worker.http.ServingStats;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call into the application for one request. Runs on a handler thread, never on an event
 * loop: the application may block. A whole response goes back to the connection's event loop
 * to be written there; a streamed body is written from here as the application produces it
 * (see {@link Reply}), and the loop then hears how it ended. Either way the connection's
 * {@link Answers} run on its event loop.
 */
public final class AppCall implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(AppCall.class);
    private static final List<Map.Entry<String, String>> TEXT =
            List.of(Map.entry("Content-Type", "text/plain; charset=utf-8"));
    private static final byte[] FAILED = "Internal Server Error".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

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

    private final Application app;
    private final ServingStats stats;
    private final Exchange exchange;
    private final Reply reply;

    /** @param ctx the connection, whose event loop runs {@code answers} */
    public AppCall(Application app, ServingStats stats, ChannelHandlerContext ctx, Exchange exchange, Answers answers) {
        this.app = app;
        this.stats = stats;
        this.exchange = exchange;
        this.reply = new Reply(ctx, exchange, answers);
    }

    @Override
    public void run() {
        stats.handlerStarted();
        try {
            app.serve(exchange, reply);
            if (!reply.answered()) {
                if (reply.committed()) {
                    reply.finish();
                } else {
                    throw new IllegalStateException("the application returned without answering");
                }
            }
        } catch (Exception | LinkageError | StackOverflowError e) {
            fail(e);
        } finally {
            stats.handlerFinished();
        }
    }

    private void fail(Throwable e) {
        if (reply.answered()) {
            LOG.error("Error after answering {} {}", exchange.request().method(), exchange.request().uri(), e);
        } else if (reply.committed()) {
            LOG.error("Error streaming the response to {} {}", exchange.request().method(), exchange.request().uri(), e);
            reply.abort();
        } else {
            LOG.error("Error handling request {} {}", exchange.request().method(), exchange.request().uri(), e);
            reply.whole(500, TEXT, FAILED);
        }
    }
}
