package dev.corral.master;

import dev.corral.master.account.WorkerAccount;
import dev.corral.master.control.ControlCommand;
import dev.corral.master.control.ControlServer;
import dev.corral.master.log.Logging;
import dev.corral.master.settings.ConfigPrinter;
import dev.corral.master.settings.HelpText;
import dev.corral.master.metrics.MetricsServer;
import dev.corral.master.metrics.ServiceMetrics;
import dev.corral.master.metrics.StatsdReporter;
import dev.corral.master.settings.BindAddress;
import dev.corral.master.settings.Registry;
import dev.corral.master.settings.Settings;
import dev.corral.master.settings.SettingsException;
import dev.corral.master.settings.SettingsLoader;
import dev.corral.master.sockets.ListenerSet;
import dev.corral.master.supervisor.Arbiter;
import dev.corral.master.systemd.Notifier;
import dev.corral.master.upgrade.UpgradeClient;
import dev.corral.master.upgrade.Upgrader;
import dev.corral.master.systemd.SocketActivation;
import dev.corral.master.supervisor.ControlLink;
import dev.corral.worker.control.ControlProtocol;
import dev.corral.worker.http.tls.ServerTls;
import dev.corral.worker.log.ErrorLog;
import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master: loads and checks the settings, binds every address, starts the control socket
 * and runs the supervision loop until it is told to stop.
 */
public final class Main {
    public static final String VERSION = "0.1.0";

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(List.of(args)));
    }

    static int run(List<String> args) throws Exception {
        if (ControlCommand.matches(args)) {
            return ControlCommand.run(args, System.getenv());
        }
        if (SettingsLoader.wantsHelp(args)) {
            System.out.print(HelpText.render());
            return 0;
        }
        if (SettingsLoader.wantsVersion(args)) {
            System.out.println("corral " + VERSION);
            return 0;
        }
        Settings settings;
        WorkerAccount account;
        ServerTls tls;
        try {
            settings = SettingsLoader.load(args, System.getenv());
            // Before the TLS check: Netty logs through slf4j, which is configured once, when first used.
            Logging.configure(settings.get(Registry.LOGLEVEL));
            AppCheck.verify(settings);
            tls = TlsCheck.verify(settings);
            account = WorkerAccount.resolve(settings);
        } catch (SettingsException e) {
            System.err.println("corral: error: " + e.getMessage());
            return 2;
        }
        if (settings.get(Registry.PRINT_CONFIG)) {
            System.out.print(ConfigPrinter.render(settings, VERSION));
            return 0;
        }
        if (settings.get(Registry.CHECK_CONFIG)) {
            return 0;
        }
        try {
            ErrorLog.open(settings.get(Registry.ERRORLOG));
        } catch (IOException e) {
            System.err.println("corral: error: errorlog: cannot open '" + settings.get(Registry.ERRORLOG) + "': " + e.getMessage());
            return 2;
        }
        return serve(settings, account, tls, args);
    }

    private static int serve(Settings settings, WorkerAccount account, ServerTls tls, List<String> args) throws Exception {
        SettingsReloader reloader = new SettingsReloader(args, System.getenv());
        Logger log = LoggerFactory.getLogger(Main.class);
        Epoll.ensureAvailability();
        long pid = ProcessHandle.current().pid();
        log.info("Starting corral {}", VERSION);
        String running = Pidfile.runningMasterIn(settings.get(Registry.PIDFILE));
        if (running != null) {
            log.error("{}", running);
            return 1;
        }
        ListenerSet listeners;
        try {
            listeners = openListeners(settings, pid, log);
        } catch (ListenerSet.BindFailure | IllegalArgumentException | IllegalStateException | IOException e) {
            log.error("{}", e.getMessage());
            return 1;
        }
        try (listeners; Pidfile pidfile = Pidfile.create(settings.get(Registry.PIDFILE), pid)) {
            for (String url : listeners.urls()) {
                log.info("Listening at: {} ({})", tls == null ? url : url.replaceFirst("^http:", "https:"), pid);
            }
            if (tls != null) {
                log.info("TLS 1.2 and 1.3 through {}", tls.provider());
            }
            log.info("Using worker: netty epoll, {} handler thread(s)", settings.get(Registry.THREADS));
            StatsdReporter statsd;
            try {
                statsd = startStatsd(settings, log);
            } catch (IOException | IllegalArgumentException e) {
                log.error("statsd_host: {} cannot be used: {}", settings.get(Registry.STATSD_HOST), e.getMessage());
                return 1;
            }
            ServiceMetrics metrics = settings.get(Registry.METRICS_BIND) == null && statsd == null
                    ? null : new ServiceMetrics(statsd);
            MetricsServer metricsServer;
            try {
                metricsServer = startMetrics(settings, metrics, log);
            } catch (IOException | IllegalArgumentException e) {
                log.error("metrics_bind: {} cannot be served: {}", settings.get(Registry.METRICS_BIND), e.getMessage());
                if (statsd != null) {
                    statsd.close();
                }
                return 1;
            }
            int status;
            try (statsd; metricsServer; Notifier notifier = Notifier.fromEnv(System.getenv())) {
                Arbiter arbiter = new Arbiter(settings, listeners, reloader, Main::reopenLogs, notifier);
                if (metrics != null) {
                    arbiter.reportsTo(metrics);
                }
                String launcher = System.getProperty("corral.launcher");
                arbiter.upgradesWith(new Upgrader(launcher == null ? null : Path.of(launcher), args,
                        settings.get(Registry.PIDFILE), ControlServer.socketPath(pid)));
                status = supervise(arbiter, account, settings);
            }
            log.info("Shutting down: Master");
            return status;
        }
    }

    private static StatsdReporter startStatsd(Settings settings, Logger log) throws IOException {
        BindAddress to = settings.get(Registry.STATSD_HOST);
        if (to == null) {
            return null;
        }
        BindAddress.Tcp udp = (BindAddress.Tcp) to;
        StatsdReporter reporter = StatsdReporter.to(udp.host(), udp.port(), settings.get(Registry.STATSD_PREFIX),
                settings.get(Registry.DOGSTATSD_TAGS));
        log.info("StatsD to: {}", udp);
        return reporter;
    }

    // Prometheus metrics on an address of their own, never one the application answers on.
    private static MetricsServer startMetrics(Settings settings, ServiceMetrics metrics, Logger log) throws IOException {
        BindAddress at = settings.get(Registry.METRICS_BIND);
        if (at == null) {
            return null;
        }
        // Port 0 is any free port: never the same as another.
        if (((BindAddress.Tcp) at).port() != 0 && settings.get(Registry.BIND).contains(at)) {
            throw new IllegalArgumentException("it is one of the bind addresses; metrics need one of their own");
        }
        MetricsServer server = MetricsServer.start((BindAddress.Tcp) at, metrics, VERSION);
        BindAddress.Tcp tcp = (BindAddress.Tcp) at;
        log.info("Metrics at: http://{}/metrics", new BindAddress.Tcp(tcp.host(), server.port()));
        return server;
    }

    // The old master's sockets after a USR2, systemd's when it passed some, else our own binds.
    private static ListenerSet openListeners(Settings settings, long pid, Logger log)
            throws ListenerSet.BindFailure, IOException, InterruptedException {
        String upgradeFrom = System.getenv(UpgradeClient.FROM);
        if (upgradeFrom != null) {
            List<SocketActivation.Passed> passed = UpgradeClient.receiveListeners(Path.of(upgradeFrom), pid).stream()
                    .map(fd -> new SocketActivation.Passed(fd, "upgrade")).toList();
            log.info("Took {} listening socket(s) over from the old master", passed.size());
            return ListenerSet.adopt(passed, settings.get(Registry.BACKLOG));
        }
        List<SocketActivation.Passed> passed = SocketActivation.passed(System.getenv(), pid);
        if (!passed.isEmpty()) {
            // As Gunicorn: systemd's sockets take the place of bind.
            log.info("Using {} socket(s) from systemd (socket activation); bind is not used", passed.size());
            return ListenerSet.adopt(passed, settings.get(Registry.BACKLOG));
        }
        return ListenerSet.bind(settings.get(Registry.BIND), settings.get(Registry.BACKLOG),
                settings.get(Registry.UMASK), settings.get(Registry.REUSE_PORT));
    }

    private static int supervise(Arbiter arbiter, WorkerAccount account, Settings settings) throws Exception {
        try (ControlServer control = ControlServer.start(arbiter::enqueue)) {
            // Workers of another user connect here and write these logs.
            account.handOver(control.socket().getParent());
            account.handOver(control.socket());
            account.handOverLog(settings.get(Registry.ERRORLOG));
            account.handOverLog(settings.get(Registry.ACCESSLOG));
            return arbiter.run(control.socket(), account);
        }
    }

    private static void reopenLogs(List<ControlLink> workers) {
        try {
            ErrorLog.reopen();
        } catch (IOException e) {
            LoggerFactory.getLogger(Main.class).error("Cannot reopen the error log: {}", e.getMessage());
        }
        workers.stream().filter(Objects::nonNull).forEach(w -> w.send(ControlProtocol.REOPEN));
        LoggerFactory.getLogger(Main.class).info("Reopened log files");
    }
}
