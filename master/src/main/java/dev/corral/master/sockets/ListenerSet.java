package dev.corral.master.sockets;

import dev.corral.master.settings.BindAddress;
import dev.corral.master.systemd.SocketActivation;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.Socket;
import io.netty.util.NetUtil;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The listening sockets, bound by the master and held open for its whole life, so the kernel's
 * accept queues outlive any worker. By default each address is one socket that every worker
 * accepts on: a worker whose handler threads are all busy stops accepting, so a new connection
 * waits only when every worker is busy, and a worker that dies or retires leaves the queue to the
 * others. With {@code reuse_port} a TCP address gets one {@code SO_REUSEPORT} socket per worker
 * slot instead: the kernel spreads new connections evenly over the slots, and a slot's queue waits
 * for the slot's next worker when one dies. A Unix socket is always one shared socket; its file's
 * mode is 0777 minus {@code umask}.
 */
public final class ListenerSet implements AutoCloseable {

    /**
     * A socket handed to a worker: {@code kind} is {@code tcp} (the worker slot's own), {@code
     * tcp-shared} or {@code unix} (shared by every worker).
     */
    public record Handed(String kind, Socket socket) {
    }

    /** An address could not be bound; the message is the one line a user reads. */
    public static final class BindFailure extends Exception {
        BindFailure(String message) {
            super(message);
        }
    }

    // The file-type bits of st_mode, and the type of a socket (sys/stat.h).
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private final List<Endpoint> endpoints;
    private final int backlog;

    private ListenerSet(List<Endpoint> endpoints, int backlog) {
        this.endpoints = endpoints;
        this.backlog = backlog;
    }

    /** Binds every address (slot 0 of each TCP one), or none: a failure closes what was bound. */
    public static ListenerSet bind(List<BindAddress> addresses, int backlog, int umask, boolean reusePort)
            throws BindFailure {
        ListenerSet set = new ListenerSet(new ArrayList<>(), backlog);
        try {
            for (BindAddress address : addresses) {
                set.endpoints.add(address instanceof BindAddress.Unix unix
                        ? Endpoint.unix(address, unix.path(), backlog, umask)
                        : Endpoint.tcp((BindAddress.Tcp) address, backlog, reusePort));
            }
        } catch (BindFailure e) {
            set.close();
            throw e;
        }
        return set;
    }

    // <sys/socket.h>: whether a socket listens, its type and its family.
    private static final int SOL_SOCKET = 1;
    private static final int SO_TYPE = 3;
    private static final int SO_ACCEPTCONN = 30;
    private static final int SO_DOMAIN = 39;
    private static final int SOCK_STREAM = 1;
    private static final int AF_UNIX = 1;

    /**
     * The listening sockets systemd passed (socket activation), used as they are: every worker
     * shares each one (no per-slot sockets, whatever {@code reuse_port} says), and a Unix
     * socket's file is systemd's to remove, never ours.
     */
    public static ListenerSet adopt(List<SocketActivation.Passed> passed, int backlog) throws BindFailure {
        ListenerSet set = new ListenerSet(new ArrayList<>(), backlog);
        for (SocketActivation.Passed p : passed) {
            Socket socket = new Socket(p.fd());
            String what = "descriptor " + p.fd() + " (" + p.name() + ") from systemd";
            int family;
            try {
                if (socket.getIntOpt(SOL_SOCKET, SO_TYPE) != SOCK_STREAM || socket.getIntOpt(SOL_SOCKET, SO_ACCEPTCONN) != 1) {
                    throw new BindFailure("Cannot use " + what + ": it is not a listening stream socket");
                }
                family = socket.getIntOpt(SOL_SOCKET, SO_DOMAIN);
            } catch (IOException e) {
                throw new BindFailure("Cannot use " + what + ": " + reason(e));
            }
            if (family == AF_UNIX) {
                DomainSocketAddress unix = socket.localDomainSocketAddress();
                set.endpoints.add(new Endpoint(null, "unix", "unix:" + (unix == null ? "(unnamed)" : unix.path()), null, socket));
            } else {
                InetSocketAddress inet = socket.localAddress();
                set.endpoints.add(new Endpoint(null, "tcp-shared", Endpoint.url(inet), null, socket));
            }
        }
        return set;
    }

    /** What the {@code Listening at:} lines say: one URL per address. */
    public List<String> urls() {
        return endpoints.stream().map(e -> e.url).toList();
    }

    /** The sockets a worker in {@code slot} accepts on, one per address, in {@code bind} order. */
    public List<Handed> socketsFor(int slot) throws BindFailure {
        List<Handed> out = new ArrayList<>();
        for (Endpoint e : endpoints) {
            out.add(new Handed(e.kind, e.socketFor(slot, backlog)));
        }
        return out;
    }

    /**
     * Closes the master's copies of the TCP sockets of slots {@code slots} and above (never slot
     * 0). A worker retiring from such a slot keeps its own copy until it stops accepting; then
     * the socket leaves the port and new connections go to the remaining slots.
     */
    public void releaseSlotsFrom(int slots) {
        endpoints.forEach(e -> e.releaseFrom(slots));
    }

    /** Closes every socket and removes the files of Unix sockets. */
    @Override
    public void close() {
        endpoints.forEach(Endpoint::close);
    }

    /** One bound address and its sockets. */
    private static final class Endpoint {
        final BindAddress address;
        final String kind;
        final String url;
        // Where further sockets are bound, one per slot; null when one socket serves every slot.
        final InetSocketAddress resolved;
        final List<Socket> sockets = new ArrayList<>();
        // The Unix socket file as bound (its inode), so that only ours is ever removed.
        Object fileKey;

        private Endpoint(BindAddress address, String kind, String url, InetSocketAddress resolved, Socket first) {
            this.address = address;
            this.kind = kind;
            this.url = url;
            this.resolved = resolved;
            this.sockets.add(first);
        }

        static Endpoint tcp(BindAddress.Tcp address, int backlog, boolean perSlot) throws BindFailure {
            InetSocketAddress wanted;
            try {
                wanted = new InetSocketAddress(InetAddress.getByName(address.host()), address.port());
                ensureFree(wanted);
            } catch (IOException e) {
                throw new BindFailure("Cannot bind " + address + ": " + reason(e));
            }
            Socket first = listen(wanted, backlog, address, perSlot);
            InetSocketAddress actual = new InetSocketAddress(wanted.getAddress(), localPort(first, address));
            String url = url(actual);
            return perSlot ? new Endpoint(address, "tcp", url, actual, first)
                    : new Endpoint(address, "tcp-shared", url, null, first);
        }

        // RFC 5952's short form, [::] as Gunicorn prints it, not Java's [0:0:0:0:0:0:0:0].
        static String url(InetSocketAddress at) {
            String ip = NetUtil.toAddressString(at.getAddress());
            String host = at.getAddress() instanceof Inet6Address ? "[" + ip + "]" : ip;
            return "http://" + host + ":" + at.getPort();
        }

        static Endpoint unix(BindAddress address, Path path, int backlog, int umask) throws BindFailure {
            try {
                removeStaleSocket(path);
                Socket socket = Socket.newSocketDomain();
                try {
                    socket.bind(new DomainSocketAddress(path.toFile()));
                    // Before listen: until then a connect is refused whatever the mode says.
                    Files.setPosixFilePermissions(path, mode(umask));
                    socket.listen(backlog);
                } catch (IOException e) {
                    socket.close();
                    throw e;
                }
                Endpoint endpoint = new Endpoint(address, "unix", "unix:" + path, null, socket);
                endpoint.fileKey = Endpoint.fileKeyOf(path);
                return endpoint;
            } catch (IOException e) {
                throw new BindFailure("Cannot bind " + address + ": " + reason(e));
            }
        }

        Socket socketFor(int slot, int backlog) throws BindFailure {
            if (resolved == null) {
                return sockets.get(0);
            }
            while (sockets.size() <= slot) {
                sockets.add(listen(resolved, backlog, address, true));
            }
            return sockets.get(slot);
        }

        void releaseFrom(int slots) {
            while (resolved != null && sockets.size() > Math.max(1, slots)) {
                closeQuietly(sockets.remove(sockets.size() - 1));
            }
        }

        /**
         * Closes the sockets and removes the Unix socket file if it is still the one bound here:
         * by the time a draining master exits, a new master may have bound the same path.
         */
        void close() {
            sockets.forEach(Endpoint::closeQuietly);
            sockets.clear();
            if (address instanceof BindAddress.Unix unix && fileKey != null) {
                try {
                    if (fileKey.equals(fileKeyOf(unix.path()))) {
                        Files.delete(unix.path());
                    }
                } catch (IOException ignored) {
                    // Gone already, or not ours: nothing to remove.
                }
                fileKey = null;
            }
        }

        static Object fileKeyOf(Path path) throws IOException {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        }

        private static Socket listen(InetSocketAddress at, int backlog, BindAddress address, boolean reusePort)
                throws BindFailure {
            Socket socket;
            try {
                socket = InetSockets.open(at.getAddress());
            } catch (IOException e) {
                throw new BindFailure("Cannot bind " + address + ": " + reason(e));
            }
            try {
                socket.setReuseAddress(true);
                socket.setReusePort(reusePort);
                socket.bind(at);
                socket.listen(backlog);
                return socket;
            } catch (IOException e) {
                closeQuietly(socket);
                throw new BindFailure("Cannot bind " + address + ": " + reason(e));
            }
        }

        // SO_REUSEPORT would let us share a port with another server of the same user; a plain
        // bind first proves nobody listens there.
        private static void ensureFree(InetSocketAddress at) throws IOException {
            if (at.getPort() == 0) {
                return;
            }
            Socket probe = InetSockets.open(at.getAddress());
            try {
                probe.setReuseAddress(true);
                probe.bind(at);
            } finally {
                probe.close();
            }
        }

        private static int localPort(Socket socket, BindAddress address) throws BindFailure {
            try {
                return socket.localAddress().getPort();
            } catch (Exception e) {
                throw new BindFailure("Cannot read the port bound for " + address + ": " + e.getMessage());
            }
        }

        // A socket file left by a server that died is in the way; one that answers is in use.
        private static void removeStaleSocket(Path path) throws IOException {
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            // Only a socket is ours to replace: a file someone put there is refused, as Gunicorn does.
            int type = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & S_IFMT;
            if (type != S_IFSOCK) {
                throw new IOException("it exists and is not a socket");
            }
            Socket probe = Socket.newSocketDomain();
            boolean answered;
            try {
                probe.connect(new DomainSocketAddress(path.toFile()));
                answered = true;
            } catch (IOException refused) {
                answered = false;
            } finally {
                probe.close();
            }
            if (answered) {
                throw new IOException("Address already in use");
            }
            Files.delete(path);
        }

        // 0777 & ~umask, read as rwxrwxrwx from the owner's read bit down.
        private static Set<PosixFilePermission> mode(int umask) {
            int bits = 0777 & ~umask;
            StringBuilder rwx = new StringBuilder();
            for (int i = 0; i < 9; i++) {
                rwx.append((bits & (0400 >> i)) != 0 ? "rwx".charAt(i % 3) : '-');
            }
            return PosixFilePermissions.fromString(rwx.toString());
        }

        private static void closeQuietly(Socket s) {
            try {
                s.close();
            } catch (IOException ignored) {
                // Nothing to do about a socket that will not close.
            }
        }
    }

    private static String reason(IOException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int colon = m.lastIndexOf(": ");
        String tail = colon >= 0 ? m.substring(colon + 2) : m;
        return tail.isBlank() ? m : tail;
    }
}
