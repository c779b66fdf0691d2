package dev.corral.worker.http;

import dev.corral.worker.app.Handler;
import dev.corral.worker.control.WorkerSettings;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** The pipeline of one client connection, in the order a request travels through it. */
@ChannelHandler.Sharable
final class HttpInitializer extends ChannelInitializer<Channel> {
    private static final int MAX_BODY = 64 * 1024 * 1024;

    private final WorkerSettings settings;
    private final Handler app;
    private final Executor handlers;
    private final ServingStats stats;
    private final ChannelGroup connections;

    HttpInitializer(WorkerSettings settings, Handler app, Executor handlers, ServingStats stats,
                    ChannelGroup connections) {
        this.settings = settings;
        this.app = app;
        this.handlers = handlers;
        this.stats = stats;
        this.connections = connections;
    }

    @Override
    protected void initChannel(Channel ch) {
        connections.add(ch);
        stats.connectionOpened();
        ch.closeFuture().addListener(f -> stats.connectionClosed());
        ChannelPipeline p = ch.pipeline();
        if (settings.keepalive() > 0) {
            p.addLast(new IdleStateHandler(0, 0, settings.keepalive(), TimeUnit.SECONDS));
        }
        p.addLast(new HttpServerCodec());
        p.addLast(new HttpServerExpectContinueHandler());
        p.addLast(new HttpObjectAggregator(MAX_BODY));
        p.addLast(new RequestDispatcher(app, handlers, stats, settings.keepalive() > 0));
    }
}
