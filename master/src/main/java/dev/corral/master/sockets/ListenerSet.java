package dev.corral.master.sockets;

import dev.corral.master.settings.BindAddress;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The listening sockets, bound once by the master and held open for its whole life, so the
 * kernel's accept queues outlive any worker. Workers get duplicates of the descriptors.
 */
public final class ListenerSet implements AutoCloseable {

    /** One bound and listening socket. {@code kind} is {@code tcp} or {@code unix}. */
    public record Listener(BindAddress address, Socket socket, String kind, String url) {
    }

    /** An address could not be bound; the message is the one line a user reads. */
    public static final class BindFailure extends Exception {
        BindFailure(String message) {
            super(message);
        }
    }

    private final List<Listener> listeners;

    private ListenerSet(List<Listener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** Binds and listens on every address, or binds none: a failure closes what was bound. */
    public static ListenerSet bind(List<BindAddress> addresses, int backlog) throws BindFailure {
        List<Listener> bound = new ArrayList<>();
        try {
            for (BindAddress address : addresses) {
                bound.add(bindOne(address, backlog));
            }
        } catch (BindFailure e) {
            new ListenerSet(bound).close();
            throw e;
        }
        return new ListenerSet(bound);
    }

    private static Listener bindOne(BindAddress address, int backlog) throws BindFailure {
        try {
            if (address instanceof BindAddress.Unix unix) {
                return bindUnix(address, unix.path(), backlog);
            }
            BindAddress.Tcp tcp = (BindAddress.Tcp) address;
            InetSocketAddress target = new InetSocketAddress(InetAddress.getByName(tcp.host()), tcp.port());
            Socket socket = Socket.newSocketStream();
            try {
                socket.setReuseAddress(true);
                socket.bind(target);
                socket.listen(backlog);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
            InetSocketAddress local = socket.localAddress();
            String host = target.getAddress() instanceof java.net.Inet6Address
                    ? "[" + target.getAddress().getHostAddress() + "]" : target.getAddress().getHostAddress();
            return new Listener(address, socket, "tcp", "http://" + host + ":" + local.getPort());
        } catch (IOException e) {
            throw new BindFailure("Cannot bind " + address + ": " + reason(e));
        }
    }

    private static Listener bindUnix(BindAddress address, Path path, int backlog) throws IOException {
        removeStaleSocket(path);
        Socket socket = Socket.newSocketDomain();
        try {
            socket.bind(new DomainSocketAddress(path.toFile()));
            socket.listen(backlog);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return new Listener(address, socket, "unix", "unix:" + path);
    }

    // A socket file left by a server that died is in the way; one that answers is in use.
    private static void removeStaleSocket(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        Socket probe = Socket.newSocketDomain();
        try {
            probe.connect(new DomainSocketAddress(path.toFile()));
            throw new IOException("Address already in use");
        } catch (IOException refused) {
            if ("Address already in use".equals(refused.getMessage())) {
                throw refused;
            }
            Files.delete(path);
        } finally {
            probe.close();
        }
    }

    private static String reason(IOException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int colon = m.lastIndexOf(": ");
        String tail = colon >= 0 ? m.substring(colon + 2) : m;
        return tail.isBlank() ? m : tail;
    }

    /** The bound sockets, in the order of the {@code bind} setting. */
    public List<Listener> listeners() {
        return listeners;
    }

    /** Closes every socket and removes the files of Unix sockets. */
    @Override
    public void close() {
        for (Listener l : listeners) {
            try {
                l.socket().close();
                if (l.address() instanceof BindAddress.Unix unix) {
                    Files.deleteIfExists(unix.path());
                }
            } catch (IOException ignored) {
                // Closing on the way out: nothing useful can be done about a failure here.
            }
        }
    }
}
