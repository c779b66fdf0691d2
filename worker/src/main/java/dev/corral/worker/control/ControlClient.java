package dev.corral.worker.control;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.DomainSocketChannel;
import io.netty.channel.unix.DomainSocketReadMode;
import io.netty.channel.unix.FileDescriptor;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The worker's end of the control socket. It runs on an event loop of its own, so a stuck HTTP
 * event loop cannot silence the conversation with the master (only the heartbeat's own checks
 * decide to go silent).
 */
public final class ControlClient {

    /** What the master tells the worker after the hand-over. */
    public interface Listener {
        /** The master asked for a graceful stop. */
        void stopRequested();

        /** The master asked for the log file to be reopened. */
        void reopenLogs();

        /** The master decided this worker hung and wants its threads' stacks before it kills it. */
        void dumpThreads();

        /** The control connection closed: the master is gone. */
        void masterGone();
    }

    /**
     * The settings as handed over at boot.
     *
     * @param standby the worker loads the application and waits for its sockets (standby_workers)
     */
    public record Handover(WorkerSettings settings, boolean standby) {
    }

    /**
     * The listening descriptors: at once after the settings, or when a standby worker is promoted.
     *
     * @param kinds for each descriptor, {@code tcp} (this worker slot's own), {@code tcp-shared} or {@code unix}
     */
    public record Listeners(List<FileDescriptor> descriptors, List<String> kinds) {
    }

    private final EventLoopGroup group =
            new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("corral-control", true),
                    EpollIoHandler.newFactory());
    private final CompletableFuture<Handover> handover = new CompletableFuture<>();
    private final CompletableFuture<Listeners> listeners = new CompletableFuture<>();
    private final Listener listener;
    private Channel channel;

    private ControlClient(Listener listener) {
        this.listener = listener;
    }

    /** Connects to the master's control socket and introduces this worker by its pid. */
    public static ControlClient connect(Path socket, Listener listener) throws InterruptedException {
        ControlClient client = new ControlClient(listener);
        client.channel = new Bootstrap()
                .group(client.group)
                .channel(EpollDomainSocketChannel.class)
                .handler(new ChannelInitializer<DomainSocketChannel>() {
                    @Override
                    protected void initChannel(DomainSocketChannel ch) {
                        ch.pipeline().addLast(
                                new LineBasedFrameDecoder(ControlProtocol.MAX_LINE),
                                new StringDecoder(StandardCharsets.UTF_8),
                                new StringEncoder(StandardCharsets.UTF_8),
                                client.new Conversation());
                    }
                })
                .connect(new DomainSocketAddress(socket.toFile()))
                .sync()
                .channel();
        client.channel.closeFuture().addListener(f -> listener.masterGone());
        client.send(ControlProtocol.HELLO + " " + ProcessHandle.current().pid());
        return client;
    }

    /** Completes once the master has sent the settings. */
    public CompletableFuture<Handover> handover() {
        return handover;
    }

    /** Completes once the master has sent every listening descriptor. */
    public CompletableFuture<Listeners> listeners() {
        return listeners;
    }

    /** Sends one line to the master; safe from any thread. */
    public void send(String line) {
        channel.writeAndFlush(line + "\n");
    }

    private final class Conversation extends SimpleChannelInboundHandler<Object> {
        private final Map<String, String> settings = new HashMap<>();
        private final List<FileDescriptor> descriptors = new ArrayList<>();
        private List<String> kinds = List.of();
        private List<byte[]> ticketKeys = List.of();

        private WorkerSettings handedSettings() {
            return WorkerSettings.from(settings).withTicketKeys(ticketKeys);
        }

        private static List<byte[]> ticketKeys(String line) {
            List<byte[]> keys = new ArrayList<>();
            for (String hex : line.substring(ControlProtocol.TICKETS.length()).trim().split(" ")) {
                if (!hex.isEmpty()) {
                    keys.add(java.util.HexFormat.of().parseHex(hex));
                }
            }
            return List.copyOf(keys);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FileDescriptor fd) {
                descriptors.add(fd);
                if (descriptors.size() == kinds.size()) {
                    // Back to bytes before anything else arrives: the master waits for READY.
                    ctx.channel().config().setOption(EpollChannelOption.DOMAIN_SOCKET_READ_MODE,
                            DomainSocketReadMode.BYTES);
                    listeners.complete(new Listeners(List.copyOf(descriptors), kinds));
                }
            } else if (msg instanceof String line) {
                onLine(ctx, line);
            }
        }

        private void onLine(ChannelHandlerContext ctx, String line) {
            String[] parts = line.split(" ", 3);
            switch (parts[0]) {
                case ControlProtocol.SET -> settings.put(parts[1], parts.length > 2 ? parts[2] : "");
                case ControlProtocol.TICKETS -> ticketKeys = ticketKeys(line);
                case ControlProtocol.STANDBY -> handover.complete(new Handover(handedSettings(), true));
                case ControlProtocol.FDS -> {
                    handover.complete(new Handover(handedSettings(), false));
                    kinds = List.of(line.substring(ControlProtocol.FDS.length()).trim().split(" "));
                    // The master sends nothing after FDS until it reads SEND_FDS, so no bytes are
                    // buffered that descriptor mode could swallow.
                    ctx.channel().config().setOption(EpollChannelOption.DOMAIN_SOCKET_READ_MODE,
                            DomainSocketReadMode.FILE_DESCRIPTORS);
                    send(ControlProtocol.SEND_FDS);
                }
                case ControlProtocol.STOP -> listener.stopRequested();
                case ControlProtocol.REOPEN -> listener.reopenLogs();
                case ControlProtocol.DUMP -> {
                    listener.dumpThreads();
                    send(ControlProtocol.DUMPED);
                }
                default -> {
                    // An unknown line is a newer master's; ignoring it keeps the worker serving.
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            handover.completeExceptionally(cause);
            listeners.completeExceptionally(cause);
            ctx.close();
        }
    }
}
