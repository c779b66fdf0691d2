package dev.corral.worker.http;

import dev.corral.worker.control.WorkerSettings;
import dev.corral.worker.http.call.Application;
import dev.corral.worker.http.call.LeaderFollowers;
import dev.corral.worker.http.conn.Drain;
import dev.corral.worker.http.tls.ServerTls;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.unix.Socket;
import io.netty.util.concurrent.GlobalEventExecutor;
import dev.corral.worker.log.AccessLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The worker's HTTP/1.1 server on the listening sockets the master handed over. It registers
 * (never binds) a server channel per inherited descriptor, so every worker accepts on the same
 * kernel queue. Started and drained from the worker's main thread; the listeners and every
 * connection then live on the one event loop.
 */
public final class HttpServer {
    // Room for the peer address accept(2) reports: IPv6 address, port and scope id.
    private static final int ACCEPT_ADDRESS_BYTES = 26;

    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final List<Channel> listeners = new ArrayList<>();
    private final ServingStats stats;
    // One event loop per worker, driven in turn by the handler threads: workers are processes, so
    // cores are filled by workers, and a second loop would compete with them.
    private final LeaderFollowers handlers;
    private final HttpInitializer initializer;

    private final AccessLog accessLog;

    private HttpServer(WorkerSettings settings, Application app, Runnable quotaReached) throws IOException {
        this.stats = new ServingStats(settings.requestQuota(ThreadLocalRandom.current()), quotaReached);
        this.handlers = new LeaderFollowers(settings.threads(), EpollIoHandler.newFactory(), app.classLoader());
        this.accessLog = AccessLog.open(settings.accesslog(), settings.accessLogFormat());
        ServerTls tls;
        try {
            tls = ServerTls.load(settings.tls(), settings.http2().h2() ? settings.http2().protocols() : java.util.List.of());
        } catch (ServerTls.TlsException e) {
            // The master read the same files a moment ago: they changed since.
            throw new IllegalStateException("certfile " + settings.tls().certfile() + ": " + e.getMessage(), e);
        }
        this.initializer = new HttpInitializer(settings, app, handlers, stats, connections, accessLog, tls);
    }

    /**
     * Starts the event loop and the handler threads, with no socket yet. {@code quotaReached}
     * runs once, when the worker has answered its {@code max_requests} (plus jitter) requests.
     */
    public static HttpServer prepare(WorkerSettings settings, Application app, Runnable quotaReached) {
        try {
            return new HttpServer(settings, app, quotaReached);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the access log " + settings.accesslog(), e);
        }
    }

    /**
     * Runs Corral's request path a few thousand times over a private loopback socket, the
     * application left out (see {@link WarmUp}): for a standby worker, before its promotion.
     */
    public void warmUp(WorkerSettings settings) throws InterruptedException {
        WarmUp.run(settings, this);
    }

    LeaderFollowers handlers() {
        return handlers;
    }

    /**
     * Starts serving on the given listening descriptors ({@code kinds}: tcp, tcp-shared or unix
     * for each).
     */
    public HttpServer listen(List<FileDescriptor> fds, List<String> kinds) throws InterruptedException {
        for (int i = 0; i < fds.size(); i++) {
            register(fds.get(i).intValue(), kinds.get(i));
        }
        // While every handler thread is in a call, connections wait in the kernel's queue, where
        // a worker with a free thread takes them, rather than behind a busy one here.
        handlers.onAccepting(on -> listeners.forEach(l -> l.config().setAutoRead(on)));
        handlers.loop().scheduleAtFixedRate(stats::loopTicked, 0, 250, TimeUnit.MILLISECONDS);
        return this;
    }

    private void register(int fd, String kind) throws InterruptedException {
        // The descriptor already listens (the master did it), so the channel is active from the
        // start. EpollServerDomainSocketChannel(fd) alone takes it as inactive and never accepts;
        // EpollServerSocketChannel(fd) checks for itself.
        ServerChannel channel;
        if ("unix".equals(kind)) {
            channel = new EpollServerDomainSocketChannel(fd, true);
        } else {
            channel = new EpollServerSocketChannel(fd);
        }
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(handlers.loop())
                .channelFactory(() -> channel)
                // One accept per loop pass: on a shared queue the other workers get their turn,
                // where a burst of new connections would otherwise all go to the first to wake.
                .option(ChannelOption.MAX_MESSAGES_PER_READ, 1)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                // A client that half-closes after its request still gets the answer.
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                // No TCP_NODELAY child option: Netty's epoll channels set it on creation, and a
                // second setsockopt per connection is pure cost for connection-per-request clients.
                .childHandler(initializer);
        listeners.add(bootstrap.register().sync().channel());
    }

    /** Reopens the access log file (USR1, after logrotate); nothing when there is none. */
    public void reopenAccessLog() {
        if (accessLog != null) {
            accessLog.reopen();
        }
    }

    /** Writes the access log lines still queued, before the worker exits; nothing without one. */
    public void closeAccessLog(long timeoutMillis) throws InterruptedException {
        if (accessLog != null) {
            accessLog.close(timeoutMillis);
        }
    }

    /** The counters the heartbeat reads. */
    public ServingStats stats() {
        return stats;
    }

    /**
     * Stops accepting, lets in-flight requests finish (their responses carry Connection: close)
     * and closes idle connections once no byte arrived on them for 200 ms, waiting at
     * most {@code graceSeconds}. Returns whether every connection closed in time.
     */
    public boolean drain(int graceSeconds) throws InterruptedException {
        for (Channel listener : listeners) {
            // Closes this worker's copy of the descriptor, after taking what waits in the queue:
            // on a stop, the master and every worker close theirs, and the kernel resets the
            // connections still queued when the last copy goes. Taken here, they are answered
            // (with Connection: close) instead. A Unix socket's queue is left as it is.
            listener.eventLoop().submit(() -> {
                if (listener instanceof EpollServerSocketChannel tcp) {
                    acceptWaiting(tcp);
                }
                listener.close();
            }).sync();
            listener.closeFuture().sync();
        }
        // On the loop, after the registrations of the connections just taken: they drain too.
        // No listener accepts any more, so the group only shrinks: wait for exactly these to close.
        var allClosed = handlers.loop().submit(() -> {
            var closed = connections.newCloseFuture();
            connections.forEach(ch -> ch.pipeline().fireUserEventTriggered(Drain.INSTANCE));
            return closed;
        }).sync().getNow();
        return allClosed.await(graceSeconds, TimeUnit.SECONDS);
    }

    /**
     * Accepts every connection already queued on {@code listener}, right before it closes: when the
     * socket leaves the port (scaling down), the kernel resets what it still holds. Runs on the
     * listener's event loop so that nothing else accepts or closes in between.
     */
    private static void acceptWaiting(EpollServerSocketChannel listener) {
        Socket socket = new Socket(listener.fd().intValue());
        byte[] address = new byte[ACCEPT_ADDRESS_BYTES];
        try {
            int fd;
            while ((fd = socket.accept(address)) >= 0) {
                // The server pipeline's acceptor registers it like any accepted connection.
                listener.pipeline().fireChannelRead(new EpollSocketChannel(fd));
            }
        } catch (IOException e) {
            // The listener closes next either way; whatever is left in its queue is reset.
        }
    }

}
