package dev.corral.worker.http;

import dev.corral.worker.app.Handler;
import dev.corral.worker.control.TestSettings;
import dev.corral.worker.http.call.Application;
import dev.corral.worker.http.call.HandlerApp;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/** An in-process HttpServer on a fresh 127.0.0.1 port, as a worker would run it. */
final class TestServer implements AutoCloseable {
    final HttpServer server;
    final int port;
    private final Socket socket;

    private TestServer(HttpServer server, Socket socket) throws IOException {
        this.server = server;
        this.socket = socket;
        this.port = ((InetSocketAddress) socket.localAddress()).getPort();
    }

    static TestServer start(Map<String, String> settings, Handler app) throws Exception {
        return start(settings, new HandlerApp(app));
    }

    static TestServer start(Map<String, String> settings, Application app) throws Exception {
        Epoll.ensureAvailability();
        Socket socket = Socket.newSocketStream();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress("127.0.0.1", 0));
        socket.listen(128);
        HttpServer server = HttpServer.prepare(TestSettings.settings(settings), app, () -> { })
                .listen(List.of(socket), List.of("tcp"));
        return new TestServer(server, socket);
    }

    RawClient client() throws IOException {
        return new RawClient(port);
    }

    @Override
    public void close() throws Exception {
        // The listener channel owned the descriptor and closed it.
        server.drain(1);
    }
}
