package dev.corral.master.upgrade;

import dev.corral.worker.control.ControlProtocol;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The new master's side of an in-place upgrade (USR2): it asks the old master, over the old
 * master's control socket, for the listening sockets and receives them as workers do (SCM_RIGHTS),
 * before it binds anything. Runs once, on the new master's main thread.
 *
 * <pre>
 * new → old   UPGRADE &lt;pid&gt;
 * old → new   FDS &lt;count&gt;
 * new → old   SEND_FDS
 * old → new   count × SCM_RIGHTS descriptor
 * </pre>
 */
public final class UpgradeClient {
    /** Set in the new master's environment: the old master's control socket. */
    public static final String FROM = "CORRAL_UPGRADE_FROM";
    public static final String UPGRADE = "UPGRADE";
    private static final long WAIT_NANOS = 10_000_000_000L;

    private UpgradeClient() {
    }

    /** The listening descriptors the old master holds, in its bind order. */
    public static List<Integer> receiveListeners(Path oldControlSocket, long pid) throws IOException {
        Socket socket = Socket.newSocketDomain();
        try {
            long deadline = System.nanoTime() + WAIT_NANOS;
            if (!socket.connect(new DomainSocketAddress(oldControlSocket.toFile()))) {
                while (!socket.finishConnect()) {
                    pause(deadline, "connect to the old master");
                }
            }
            send(socket, UPGRADE + " " + pid + "\n");
            String line = readLine(socket, deadline);
            if (!line.startsWith(ControlProtocol.FDS + " ")) {
                throw new IOException("the old master answered '" + line + "'");
            }
            int count = Integer.parseInt(line.substring(ControlProtocol.FDS.length() + 1).trim());
            send(socket, ControlProtocol.SEND_FDS + "\n");
            List<Integer> fds = new ArrayList<>();
            while (fds.size() < count) {
                int fd = socket.recvFd();
                if (fd > 0) {
                    fds.add(fd);
                } else if (fd == 0) {
                    pause(deadline, "receive the listening sockets");
                } else {
                    throw new IOException("the old master closed the connection");
                }
            }
            return fds;
        } finally {
            socket.close();
        }
    }

    private static void send(Socket socket, String line) throws IOException {
        byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buf = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        while (buf.hasRemaining()) {
            int n = socket.send(buf, buf.position(), buf.limit());
            if (n > 0) {
                buf.position(buf.position() + n);
            }
        }
    }

    // One byte at a time: nothing after the newline may be read, since descriptors follow it.
    private static String readLine(Socket socket, long deadline) throws IOException {
        ByteBuffer one = ByteBuffer.allocateDirect(1);
        StringBuilder line = new StringBuilder();
        while (true) {
            int n = socket.recv(one, 0, 1);
            if (n > 0) {
                char c = (char) one.get(0);
                if (c == '\n') {
                    return line.toString();
                }
                line.append(c);
            } else if (n == 0) {
                pause(deadline, "hear from the old master");
            } else {
                throw new IOException("the old master closed the connection");
            }
        }
    }

    private static void pause(long deadline, String what) throws IOException {
        if (System.nanoTime() - deadline > 0) {
            throw new IOException("could not " + what + " within 10 s");
        }
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }
}
