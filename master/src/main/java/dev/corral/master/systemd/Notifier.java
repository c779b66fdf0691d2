package dev.corral.master.systemd;

import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * sd_notify(3) for a {@code Type=notify} unit: each message is one datagram to the Unix socket
 * named by {@code NOTIFY_SOCKET} (a path, or an abstract name written {@code @name}). Without
 * that variable it sends nothing. Used from the supervision loop's thread.
 */
public final class Notifier implements Consumer<String>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    /** Where the service manager listens: the master's, never a worker's. */
    public static final String VARIABLE = "NOTIFY_SOCKET";

    private final Socket socket;
    private final byte[] address;
    private boolean warned;

    private Notifier(Socket socket, byte[] address) {
        this.socket = socket;
        this.address = address;
    }

    /** The notifier {@code NOTIFY_SOCKET} names, or one that sends nothing. */
    public static Notifier fromEnv(Map<String, String> env) {
        String target = env.get(VARIABLE);
        if (target == null || target.isEmpty()) {
            return new Notifier(null, null);
        }
        // An abstract socket's name starts with a NUL byte, which systemd writes as '@'.
        byte[] address = (target.startsWith("@") ? "\0" + target.substring(1) : target).getBytes(StandardCharsets.UTF_8);
        try {
            return new Notifier(Socket.newSocketDomainDgram(), address);
        } catch (RuntimeException e) {
            LOG.warn("Cannot notify systemd at {}: {}", target, e.getMessage());
            return new Notifier(null, null);
        }
    }

    /** Sends one message ({@code READY=1}, {@code STATUS=...}, lines separated by newlines). */
    @Override
    public void accept(String message) {
        if (socket == null) {
            return;
        }
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        try {
            socket.sendToDomainSocket(buffer, 0, bytes.length, address);
        } catch (IOException e) {
            // Once: a service manager that went away must not fill the log.
            if (!warned) {
                warned = true;
                LOG.warn("Cannot notify systemd: {}", e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Nothing to do about a socket that will not close.
            }
        }
    }
}
