package dev.corral.master.control;

import dev.corral.master.supervisor.Event;
import dev.corral.master.upgrade.UpgradeClient;
import dev.corral.worker.control.ControlProtocol;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The master's private Unix domain socket: workers connect here for their settings, sockets and
 * heartbeats; {@code corral status} and friends connect here too. It lives in a directory only
 * the master's user can open. Each line received becomes an {@link Event} for the loop.
 */
public final class ControlServer implements AutoCloseable {
    private final EventLoopGroup group =
            new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("corral-control", true),
                    EpollIoHandler.newFactory());
    private final Path directory;
    private Channel server;

    private ControlServer(Path directory) {
        this.directory = directory;
    }

    /** Where the control socket of the master with this pid lives. */
    public static Path socketPath(long masterPid) {
        return Path.of(System.getProperty("java.io.tmpdir"), "corral-" + masterPid, "control.sock");
    }

    /** Creates the private directory and listens on the control socket in it. */
    public static ControlServer start(Consumer<Event> events) throws IOException, InterruptedException {
        Path socket = socketPath(ProcessHandle.current().pid());
        Path dir = socket.getParent();
        removeDirectoriesOfDeadMasters(dir.getParent());
        if (Files.exists(dir)) {
            // Left by an earlier process with our pid that was killed: nobody else can use it.
            deleteTree(dir);
        }
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        ControlServer control = new ControlServer(dir);
        control.server = new ServerBootstrap()
                .group(control.group)
                .channel(EpollServerDomainSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(
                                new LineBasedFrameDecoder(ControlProtocol.MAX_LINE),
                                new StringDecoder(StandardCharsets.UTF_8),
                                new StringEncoder(StandardCharsets.UTF_8),
                                new Connection(events));
                    }
                })
                .bind(new DomainSocketAddress(socket.toFile()))
                .sync()
                .channel();
        return control;
    }

    /** The path of the control socket. */
    public Path socket() {
        return directory.resolve("control.sock");
    }

    /** Stops listening and removes the private directory. */
    @Override
    public void close() {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        try {
            deleteTree(directory);
        } catch (IOException ignored) {
            // Shutting down: a leftover file in our private directory harms no one.
        }
    }

    // A master killed with SIGKILL cannot remove its directory; the next one to start does.
    private static void removeDirectoriesOfDeadMasters(Path tmp) {
        try (Stream<Path> dirs = Files.list(tmp)) {
            for (Path d : dirs.filter(p -> p.getFileName().toString().matches("corral-\\d{1,10}")).toList()) {
                long pid = Long.parseLong(d.getFileName().toString().substring("corral-".length()));
                boolean running = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                if (!running && Files.isWritable(d)) {
                    deleteTree(d);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // Another user's directory, or one that vanished meanwhile: not ours to worry about.
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Turns the lines of one connection into events; it knows its peer's pid after HELLO. */
    private static final class Connection extends SimpleChannelInboundHandler<String> {
        private final Consumer<Event> events;
        private WorkerLink link;
        private long pid = -1;

        Connection(Consumer<Event> events) {
            this.events = events;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, String line) {
            if (link == null) {
                link = new WorkerLink(ctx.channel());
            }
            String[] parts = line.split(" ");
            try {
                switch (parts[0]) {
                    case ControlProtocol.HELLO -> {
                        pid = Long.parseLong(parts[1]);
                        events.accept(new Event.WorkerConnected(pid, link));
                    }
                    case UpgradeClient.UPGRADE -> {
                        pid = Long.parseLong(parts[1]);
                        events.accept(new Event.UpgradeRequested(pid, link));
                    }
                    case ControlProtocol.SEND_FDS -> events.accept(new Event.DescriptorsRequested(pid));
                    case ControlProtocol.READY -> events.accept(new Event.WorkerReady(pid));
                    case ControlProtocol.LOADED -> events.accept(new Event.StandbyLoaded(pid));
                    case ControlProtocol.HEARTBEAT -> events.accept(new Event.Heartbeat(pid, Long.parseLong(parts[1]),
                            parts.length > 2 ? Long.parseLong(parts[2]) : 0));
                    case ControlProtocol.STATS -> events.accept(Event.Stats.parse(pid, parts));
                    case ControlProtocol.RETIRE -> events.accept(new Event.RetireRequested(pid));
                    case ControlProtocol.DUMPED -> events.accept(new Event.DumpWritten(pid));
                    default -> events.accept(new Event.Command(line, link));
                }
            } catch (RuntimeException malformed) {
                ctx.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
