package dev.corral.worker.http;

import dev.corral.worker.control.WorkerSettings;
import dev.corral.worker.http.call.Application;
import dev.corral.worker.http.call.Exchange;
import dev.corral.worker.http.call.Reply;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Runs Corral's own request path (parser, connection owner, leader/followers, encoder) over a
 * private loopback socket before a standby worker is promoted, so its first real requests do not
 * pay for class loading and interpretation (about 20 ms for the first one). The application is
 * never called: a fixed answer stands in for it, and nothing reaches the access log or the
 * request counts. Runs on the worker's main thread; the server side runs on the worker's loop.
 */
final class WarmUp {
    private static final int REQUESTS = 3000;
    private static final int CONNECTIONS = 20;
    private static final byte[] REQUEST = "GET /warm-up?x=1 HTTP/1.1\r\nHost: localhost\r\nUser-Agent: corral\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BODY = "warm\n".getBytes(StandardCharsets.US_ASCII);

    private WarmUp() {
    }

    /** Serves {@link #REQUESTS} requests on {@code server}'s loop, then closes every trace of them. */
    static void run(WorkerSettings settings, HttpServer server) throws InterruptedException {
        Application stub = new Application() {
            @Override
            public void serve(Exchange exchange, Reply reply) {
                reply.whole(200, List.of(Map.entry("Content-Type", "text/plain")), BODY);
            }

            @Override
            public ClassLoader classLoader() {
                return WarmUp.class.getClassLoader();
            }
        };
        var connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        HttpInitializer initializer = new HttpInitializer(settings, stub, server.handlers(),
                new ServingStats(0, () -> { }), connections, null, null);
        Channel listener = new ServerBootstrap().group(server.handlers().loop())
                .channel(EpollServerSocketChannel.class)
                .childHandler(initializer)
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        try {
            int port = ((InetSocketAddress) listener.localAddress()).getPort();
            for (int c = 0; c < CONNECTIONS; c++) {
                exchange(port, REQUESTS / CONNECTIONS);
            }
        } catch (IOException e) {
            // A warm-up that fails costs only speed: the worker serves as it would have.
        } finally {
            listener.close().sync();
            connections.close().sync();
        }
    }

    private static void exchange(int port, int requests) throws IOException {
        try (Socket s = new Socket()) {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            for (int i = 0; i < requests; i++) {
                out.write(REQUEST);
                readAnswer(in, buf);
            }
        }
    }

    // Reads until the fixed answer's body has arrived: its last byte ends every answer.
    private static void readAnswer(InputStream in, byte[] buf) throws IOException {
        while (true) {
            int n = in.read(buf);
            if (n < 0) {
                throw new IOException("closed");
            }
            if (n > 0 && buf[n - 1] == '\n' && n >= BODY.length
                    && java.util.Arrays.equals(buf, n - BODY.length, n, BODY, 0, BODY.length)) {
                return;
            }
        }
    }
}
