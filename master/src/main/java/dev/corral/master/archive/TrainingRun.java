package dev.corral.master.archive;

import dev.corral.master.control.ControlServer;
import dev.corral.master.settings.Registry;
import dev.corral.master.settings.Settings;
import dev.corral.master.settings.SettingsLoader;
import dev.corral.master.sockets.ListenerSet;
import dev.corral.worker.control.WorkerSettings;
import dev.corral.worker.demo.DemoApp;
import dev.corral.worker.http.HttpServer;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.FileDescriptor;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Run once at package time with {@code -XX:ArchiveClassesAtExit}: it loads the classes a master
 * and a worker load at start-up (settings, sockets, control server, HTTP server, demo app, a few
 * real requests), so the class archive it leaves behind makes both JVMs start faster. A worker
 * that boots in a fraction of the time is a crashed worker replaced sooner.
 */
public final class TrainingRun {
    private static final String REQUESTS = "GET / HTTP/1.1\r\nHost: t\r\n\r\n"
            + "GET /sentiment?text=not+bad,+I+loved+it HTTP/1.1\r\nHost: t\r\n\r\n"
            + "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
            + "GET /pid HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";

    private TrainingRun() {
    }

    public static void main(String[] args) throws Exception {
        Epoll.ensureAvailability();
        Settings settings = SettingsLoader.load(List.of("-b", "127.0.0.1:0", "-w", "1"), Map.of());
        try (ListenerSet listeners = ListenerSet.bind(settings.get(Registry.BIND), 16);
             ControlServer control = ControlServer.start(event -> { })) {
            List<ListenerSet.Handed> handed = listeners.socketsFor(0);
            HttpServer server = HttpServer.start(WorkerSettings.from(settings.toStrings()), new DemoApp(false),
                    handed.stream().map(h -> (FileDescriptor) h.socket()).toList(),
                    handed.stream().map(ListenerSet.Handed::kind).toList(), () -> { });
            exercise(handed.get(0).socket().localAddress().getPort());
            server.drain(1);
        }
        System.exit(0);
    }

    private static void exercise(int port) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write(REQUESTS.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            in.readAllBytes();
        }
    }
}
