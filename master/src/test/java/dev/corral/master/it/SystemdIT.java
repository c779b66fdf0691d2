package dev.corral.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.Socket;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under systemd: socket activation through Debian's systemd-socket-activate (no systemd as PID 1
 * is needed), and Type=notify messages to a NOTIFY_SOCKET this test owns.
 */
class SystemdIT {
    private static final Path ACTIVATE = Path.of("/usr/bin/systemd-socket-activate");

    @RegisterExtension
    final CorralProcesses corral = new CorralProcesses();

    @TempDir
    Path tmp;

    @Test
    void aTcpSocketFromSystemdIsServedByEveryWorkerAndBindIsNotUsed() throws Exception {
        assumeTrue(Files.isExecutable(ACTIVATE), "systemd-socket-activate is installed (apt-get install systemd)");
        int port = freePort();
        Corral c = corral.startUnder(List.of(ACTIVATE.toString(), "-l", "127.0.0.1:" + port), List.of(),
                "-c", "config/demo.properties", "-b", "127.0.0.1:1", "-w", "2");
        // systemd-socket-activate execs the service on the first connection, which then waits in
        // the passed socket's queue for a worker.
        Corral.await(() -> ServeIT.get(port, "/pid").status() == 200, Duration.ofSeconds(30),
                () -> "no answer through systemd's socket\n" + c.outputText());
        c.awaitLine("Using 1 socket\\(s\\) from systemd", Duration.ofSeconds(5));
        c.awaitLine("Listening at: http://127.0.0.1:" + port + " \\(" + c.pid() + "\\)", Duration.ofSeconds(5));

        Set<Long> workers = c.awaitWorkerCount(2, Duration.ofSeconds(20));
        Set<Long> seen = new HashSet<>();
        Corral.await(() -> seen.add(Long.parseLong(ServeIT.get(port, "/pid").body().trim())) && seen.equals(workers),
                Duration.ofSeconds(20), () -> "new connections reached only " + seen + " of " + workers);
        Corral.signal(c.pid(), "TERM");
        assertEquals(0, c.awaitExit(Duration.ofSeconds(20)));
    }

    @Test
    void aUnixSocketFromSystemdIsServedAndLeftInPlace() throws Exception {
        assumeTrue(Files.isExecutable(ACTIVATE), "systemd-socket-activate is installed (apt-get install systemd)");
        Path sock = tmp.resolve("corral.sock");
        Corral c = corral.startUnder(List.of(ACTIVATE.toString(), "-l", sock.toString()), List.of(),
                "-c", "config/demo.properties", "-w", "1");
        Corral.await(() -> Files.exists(sock), Duration.ofSeconds(10), () -> "systemd-socket-activate made no socket");
        assertEquals("Hello, World!", UnixSocketIT.curl(sock, "http://localhost/"));
        c.awaitLine("Listening at: unix:" + sock, Duration.ofSeconds(5));
        Corral.signal(c.pid(), "TERM");
        assertEquals(0, c.awaitExit(Duration.ofSeconds(20)));
        assertTrue(Files.exists(sock), "the socket file is systemd's: Corral does not remove it");
    }

    @Test
    void typeNotifyHearsReadyReloadingAndStopping() throws Exception {
        Path notify = tmp.resolve("notify.sock");
        Epoll.ensureAvailability();
        Socket listener = Socket.newSocketDomainDgram();
        try {
            listener.bind(new DomainSocketAddress(notify.toFile()));
            Corral c = corral.start(List.of("NOTIFY_SOCKET=" + notify), "-c", "config/demo.properties",
                    "-b", "127.0.0.1:0", "-w", "2");
            c.port();
            String ready = receiveUntil(listener, "READY=1");
            assertTrue(ready.contains("STATUS=2 of 2 worker(s) ready"), ready);
            assertEquals(2, c.workerPids().size(), "READY=1 once both workers serve");

            Corral.signal(c.pid(), "HUP");
            assertTrue(receiveUntil(listener, "RELOADING=1").contains("MONOTONIC_USEC="));
            receiveUntil(listener, "READY=1");
            c.awaitLine("Retiring worker \\d+ \\(reload\\)", Duration.ofSeconds(5));

            Corral.signal(c.pid(), "TERM");
            receiveUntil(listener, "STOPPING=1");
            assertEquals(0, c.awaitExit(Duration.ofSeconds(20)));
        } finally {
            listener.close();
        }
    }

    /** Reads datagrams until one contains {@code wanted}; fails after 30 s. */
    private static String receiveUntil(Socket listener, String wanted) throws Exception {
        ByteBuffer buf = ByteBuffer.allocateDirect(4096);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        StringBuilder heard = new StringBuilder();
        while (System.nanoTime() < deadline) {
            buf.clear();
            var from = listener.recvFromDomainSocket(buf, 0, buf.capacity());
            if (from == null) {
                Thread.sleep(20);
                continue;
            }
            byte[] bytes = new byte[from.receivedAmount()];
            buf.get(0, bytes);
            String message = new String(bytes, StandardCharsets.UTF_8);
            heard.append(message.replace('\n', ' ')).append(" | ");
            if (message.contains(wanted)) {
                return message;
            }
        }
        throw new AssertionError("no " + wanted + " within 30 s; heard: " + heard);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
