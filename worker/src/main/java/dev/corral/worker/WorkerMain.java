package dev.corral.worker;

import dev.corral.worker.control.ControlClient;
import dev.corral.worker.control.ControlProtocol;
import dev.corral.worker.control.Heartbeat;
import dev.corral.worker.control.ThreadDump;
import dev.corral.worker.control.WorkerSettings;
import dev.corral.worker.http.HttpServer;
import dev.corral.worker.http.call.Application;
import dev.corral.worker.loading.AppLoader;
import dev.corral.worker.log.ErrorLog;
import io.netty.channel.epoll.Epoll;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker JVM: started by the master with the path of its control socket, it receives the
 * settings and the listening sockets, loads the application, serves until told to stop, and
 * exits at once if the master goes away.
 */
public final class WorkerMain {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerMain.class);

    // How long an exiting worker waits for its last access log lines to be written.
    private static final long ACCESS_LOG_FLUSH_MILLIS = 2000;

    private final CompletableFuture<Void> stopRequested = new CompletableFuture<>();

    private WorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: WorkerMain CONTROL_SOCKET (started by the Corral master)");
            System.exit(2);
        }
        Epoll.ensureAvailability();
        new WorkerMain().run(Path.of(args[0]));
    }

    // Set once serving starts; read by the control thread on REOPEN.
    private volatile HttpServer serving;

    private void run(Path controlSocket) throws Exception {
        ControlClient control = ControlClient.connect(controlSocket, new ControlClient.Listener() {
            @Override
            public void stopRequested() {
                stopRequested.complete(null);
            }

            @Override
            public void reopenLogs() {
                try {
                    ErrorLog.reopen();
                } catch (java.io.IOException e) {
                    LOG.error("Cannot reopen the error log: {}", e.getMessage());
                }
                HttpServer server = serving;
                if (server != null) {
                    server.reopenAccessLog();
                }
            }

            @Override
            public void dumpThreads() {
                // One log record, so its lines stay together in an error log other processes share.
                LOG.error("Thread dump of worker {} before it is killed:\n{}", ProcessHandle.current().pid(),
                        ThreadDump.capture());
            }

            @Override
            public void masterGone() {
                // halt, not exit: nothing must delay the exit of an orphaned worker.
                Runtime.getRuntime().halt(ControlProtocol.EXIT_MASTER_GONE);
            }
        });
        ControlClient.Handover handover = control.handover().get(30, TimeUnit.SECONDS);
        WorkerSettings settings = handover.settings();
        ErrorLog.open(settings.errorlog());
        // Loaded and started before the sockets come: a standby worker is promoted in the time
        // it takes to register them, and an active one receives its descriptors meanwhile.
        Application app = loadApp(settings);
        HttpServer server = HttpServer.prepare(settings, app, () -> control.send(ControlProtocol.RETIRE + " max_requests"));
        ControlClient.Listeners listeners = handover.standby()
                ? awaitPromotion(control, app, server, settings)
                : control.listeners().get(30, TimeUnit.SECONDS);
        server.listen(listeners.descriptors(), listeners.kinds());
        serving = server;
        control.send(ControlProtocol.READY);
        new Heartbeat(server.stats(), settings.threads(),
                (requests, rssKib) -> control.send(ControlProtocol.HEARTBEAT + " " + requests + " " + rssKib),
                control::send).start();
        stopRequested.get();
        server.drain(settings.gracefulTimeout());
        stopApp(app);
        server.closeAccessLog(ACCESS_LOG_FLUSH_MILLIS);
        System.exit(0);
    }

    // A standby worker waits, its application loaded, until it is promoted (its sockets come) or
    // told to stop.
    private ControlClient.Listeners awaitPromotion(ControlClient control, Application app, HttpServer server,
                                                   WorkerSettings settings) throws Exception {
        server.warmUp(settings);
        control.send(ControlProtocol.LOADED);
        Object first = CompletableFuture.anyOf(control.listeners(), stopRequested).get();
        if (first instanceof ControlClient.Listeners l) {
            return l;
        }
        stopApp(app);
        System.exit(0);
        return null;
    }

    // The application's own shutdown (a Servlet app's destroy and listeners) must not keep the
    // worker from exiting, whatever it throws.
    private static void stopApp(Application app) {
        try {
            app.stop();
        } catch (RuntimeException | LinkageError e) {
            LOG.error("Error stopping the application", e);
        }
    }

    private static Application loadApp(WorkerSettings settings) {
        try {
            return AppLoader.load(settings);
        } catch (AppLoader.BootFailure e) {
            LOG.error("{}", e.getMessage());
            LOG.debug("Boot failure", e);
            System.exit(ControlProtocol.EXIT_BOOT_FAILURE);
            return null;
        }
    }
}
