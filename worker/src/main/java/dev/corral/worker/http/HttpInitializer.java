package dev.corral.worker.http;

import dev.corral.worker.app.Handler;
import dev.corral.worker.control.WorkerSettings;
import dev.corral.worker.http.parse.RequestLimits;
import dev.corral.worker.http.parse.StrictRequestDecoder;
import dev.corral.worker.log.AccessLog;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/** The pipeline of one client connection, in the order a request travels through it. */
@ChannelHandler.Sharable
final class HttpInitializer extends ChannelInitializer<Channel> {
    private final WorkerSettings settings;
    private final RequestLimits limits;
    private final Handler app;
    private final HandlerPool handlers;
    private final ServingStats stats;
    private final ChannelGroup connections;
    private final ConnectionPolicy policy;

    HttpInitializer(WorkerSettings settings, Handler app, HandlerPool handlers, ServingStats stats,
                    ChannelGroup connections, AccessLog accessLog) {
        this.settings = settings;
        this.limits = RequestLimits.of(settings);
        this.app = app;
        this.handlers = handlers;
        this.stats = stats;
        this.connections = connections;
        this.policy = new ConnectionPolicy(settings.keepalive() > 0, settings.serverHeader(),
                new ForwardedRule(settings.forwardedAllowIps()), accessLog);
    }

    @Override
    protected void initChannel(Channel ch) {
        boolean full = settings.workerConnections() > 0 && stats.openConnections() >= settings.workerConnections();
        connections.add(ch);
        stats.connectionOpened();
        ch.closeFuture().addListener(f -> stats.connectionClosed());
        ChannelPipeline p = ch.pipeline();
        p.addLast(new ResponseEncoder());
        if (full) {
            p.addLast(new ConnectionRefuser(settings.serverHeader()));
            return;
        }
        if (settings.keepalive() > 0) {
            p.addLast(new IdleStateHandler(0, 0, settings.keepalive(), TimeUnit.SECONDS));
        }
        StrictRequestDecoder decoder = new StrictRequestDecoder(limits);
        p.addLast(decoder);
        // The decoder has already enforced limit_request_body; this bound is only the array's.
        RequestDispatcher dispatcher = new RequestDispatcher(app, handlers, stats, policy, decoder);
        p.addLast(new OrderedContinueAggregator(limits.body() > 0
                ? (int) Math.min(limits.body(), Integer.MAX_VALUE - 8) : Integer.MAX_VALUE - 8, dispatcher));
        p.addLast(dispatcher);
    }
}
