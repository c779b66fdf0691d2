package dev.corral.master.supervisor;

import dev.corral.master.metrics.ServiceMetrics;

import dev.corral.master.account.WorkerAccount;
import dev.corral.master.control.WorkerLink;
import dev.corral.master.upgrade.Upgrader;
import dev.corral.master.settings.Registry;
import dev.corral.master.settings.Settings;
import dev.corral.master.sockets.ListenerSet;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's supervision loop. One thread takes events from one queue (signals, worker exits,
 * control messages) and, on every pass, kills the workers that went silent and spawns or retires
 * workers to reach the wanted count. Worker state lives in the {@link WorkerPool} and changes
 * only on this thread.
 */
public final class Arbiter {
    private static final Logger LOG = LoggerFactory.getLogger(Arbiter.class);
    private static final long TICK_MILLIS = 100;
    /** Gunicorn's exit status when workers cannot boot. */
    public static final int EXIT_WORKER_BOOT_ERROR = 3;
    /** The master's exit status when its own loop failed. */
    public static final int EXIT_UNHANDLED = 1;

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final SlotSockets listeners;
    private final Reloader reloader;
    private final TicketKeys ticketKeys = new TicketKeys();
    // Null without metrics_bind.
    private ServiceMetrics metrics;
    private final LogReopener logs;
    private final ServiceStatus serviceStatus;
    private InPlaceUpgrade upgrade;
    private final long startedMillis = System.currentTimeMillis();
    private Settings settings;
    private WorkerPool pool;
    private boolean stopping;
    private boolean failed;
    private boolean abandoned;
    private int exitStatus;

    /**
     * @param reloader reads and checks the settings again, for HUP
     * @param logs reopens the log files, for USR1
     * @param notify where the service manager hears of readiness, reloads and stops
     *               ({@code NOTIFY_SOCKET}, see {@link ServiceStatus})
     */
    public Arbiter(Settings settings, ListenerSet listeners, Reloader reloader, LogReopener logs,
                   java.util.function.Consumer<String> notify) {
        this(settings, SlotSockets.of(listeners), reloader, logs, notify);
    }

    Arbiter(Settings settings, SlotSockets listeners, Reloader reloader, LogReopener logs) {
        this(settings, listeners, reloader, logs, message -> { });
    }

    Arbiter(Settings settings, SlotSockets listeners, Reloader reloader, LogReopener logs,
            java.util.function.Consumer<String> notify) {
        this.settings = settings;
        this.listeners = listeners;
        this.reloader = reloader;
        this.logs = logs;
        this.serviceStatus = new ServiceStatus(notify);
    }

    /** Makes every pass publish the figures the metrics server shows. */
    public void reportsTo(ServiceMetrics metrics) {
        this.metrics = metrics;
    }

    /** Makes USR2 upgrade Corral in place through {@code upgrader}; without it, USR2 is refused. */
    public void upgradesWith(Upgrader upgrader) {
        this.upgrade = new InPlaceUpgrade(upgrader, listeners);
    }

    /** Hands an event to the loop; safe from any thread. */
    public void enqueue(Event event) {
        events.add(event);
    }

    /** Runs until the master stops; returns the master's exit status. */
    public int run(Path controlSocket, WorkerAccount account) throws InterruptedException {
        Signals.install(this::enqueue);
        return supervise(new JvmLauncher(controlSocket, account, this::enqueue));
    }

    /** The loop itself, with the launcher given: the tests' starts fakes. */
    int supervise(WorkerLauncher launcher) throws InterruptedException {
        begin(launcher);
        // The first workers boot now, not after the first tick with no event (100 ms at start).
        pass(null);
        while (!finished()) {
            pass(events.poll(TICK_MILLIS, TimeUnit.MILLISECONDS));
        }
        return exitStatus;
    }

    /** Creates the pool; besides {@link #supervise}, tests call it to step the loop by hand. */
    WorkerPool begin(WorkerLauncher launcher) {
        pool = new WorkerPool(listeners, launcher, settings.get(Registry.WORKERS));
        return pool;
    }

    boolean finished() {
        return abandoned || (stopping && pool.isEmpty());
    }

    /** One pass of the loop: the event, if one came, then kill the silent and keep the count. */
    void pass(Event event) {
        try {
            if (event != null) {
                handle(event);
            }
            long now = System.nanoTime();
            pool.murder(now, settings.get(Registry.TIMEOUT));
            if (!stopping) {
                pool.manage(now, settings);
            }
            serviceStatus.update(pool.readyCount(), pool.wanted, pool.replacing(), stopping);
            if (metrics != null) {
                metrics.publish(pool.view());
            }
        } catch (RuntimeException | Error e) {
            // Even an Error: a master that can no longer decide must not leave workers behind it.
            fail(e);
        }
    }

    /**
     * As Gunicorn's arbiter: a defect in the loop stops the workers at once and the master exits
     * non-zero. A second failure (perhaps on every pass, stop included) kills them and leaves.
     */
    private void fail(Throwable e) {
        LOG.error("Unhandled exception in main loop", e);
        exitStatus = EXIT_UNHANDLED;
        if (!failed) {
            failed = true;
            try {
                stop(false);
                return;
            } catch (RuntimeException | Error again) {
                LOG.error("Unhandled exception in main loop", again);
            }
        }
        abandoned = true;
        pool.killAll();
    }

    private void handle(Event event) {
        long now = System.nanoTime();
        if (event instanceof Event.Signal s) {
            handleSignal(s.name());
        } else if (event instanceof Event.WorkerExited x) {
            if (pool.reap(x.pid(), x.exitValue(), stopping, now)) {
                halt("Worker failed to boot.", EXIT_WORKER_BOOT_ERROR);
            }
        } else if (event instanceof Event.WorkerConnected c) {
            pool.handOver(c.pid(), ControlLink.of(c.link()), settings, ticketKeys.line());
        } else if (event instanceof Event.DescriptorsRequested d) {
            if (upgrade == null || !upgrade.descriptorsRequested(d.pid())) {
                pool.sendDescriptors(d.pid());
            }
        } else if (event instanceof Event.UpgradeRequested u) {
            if (upgrade != null) {
                upgrade.requested(u.pid(), ControlLink.of(u.link()));
            } else {
                u.link().close();
            }
        } else if (event instanceof Event.UpgradeExited x) {
            if (upgrade != null) {
                upgrade.exited(x.pid(), x.status(), pool, settings);
            }
        } else if (event instanceof Event.WorkerReady r) {
            pool.markReady(r.pid(), now);
        } else if (event instanceof Event.StandbyLoaded l) {
            pool.markLoaded(l.pid(), now);
        } else if (event instanceof Event.Heartbeat h) {
            pool.heartbeat(h.pid(), h.requests(), h.rssKib(), now, settings);
        } else if (event instanceof Event.Stats st) {
            pool.slot(st.pid()).ifPresent(w -> {
                w.connections = st.connections();
                w.inFlight = st.inFlight();
                if (metrics != null && w.slot != WorkerSlot.NO_SLOT) {
                    metrics.stats(w.slot, st.connections(), st.inFlight(), st.heapBytes(), st.gcMillis(), st.delta());
                }
            });
        } else if (event instanceof Event.DumpWritten d) {
            pool.dumpWritten(d.pid());
        } else if (event instanceof Event.RetireRequested r) {
            pool.slot(r.pid()).ifPresent(w -> pool.retire(w, RestartCause.MAX_REQUESTS, settings, now));
        } else if (event instanceof Event.Command c) {
            handleCommand(c.line(), c.link());
        }
    }

    private void handleSignal(String name) {
        // WINCH comes with every resize of the terminal Corral runs in: not worth a line.
        if (!"WINCH".equals(name)) {
            LOG.info("Handling signal: {}", name.toLowerCase(Locale.ROOT));
        }
        switch (name) {
            case "TERM" -> stop(true);
            case "INT" -> stop(false);
            case "HUP" -> reload();
            case "TTIN" -> scale(pool.wanted + 1);
            case "TTOU" -> scale(pool.wanted - 1);
            case "USR1" -> logs.reopen(pool.slots().stream().map(w -> w.link).toList());
            case "USR2" -> {
                if (upgrade == null || stopping) {
                    LOG.warn("Cannot upgrade in place now");
                } else {
                    upgrade.usr2(this::enqueue);
                }
            }
            case "WINCH" -> {
                if (upgrade != null) {
                    upgrade.winch(pool);
                }
            }
            default -> LOG.debug("Ignoring signal {}", name);
        }
    }

    private void handleCommand(String line, WorkerLink link) {
        String[] words = line.trim().split("\\s+");
        switch (words[0]) {
            case "STATUS" -> link.sendAndClose(words.length > 1 && "json".equals(words[1])
                    ? StatusReport.json(pool, settings, startedMillis)
                    : StatusReport.render(pool, settings, startedMillis));
            case "RELOAD" -> {
                link.sendAndClose("reloading\n");
                handleSignal("HUP");
            }
            case "STOP" -> {
                link.sendAndClose("stopping\n");
                handleSignal("TERM");
            }
            case "SCALE" -> {
                int n = words.length > 1 && words[1].matches("\\d{1,6}") ? Integer.parseInt(words[1]) : 0;
                if (n < 1 || n > Registry.MAX_WORKERS) {
                    link.sendAndClose("error: scale needs a number of workers from 1 to " + Registry.MAX_WORKERS + "\n");
                } else {
                    scale(n);
                    link.sendAndClose("scaling to " + n + " workers\n");
                }
            }
            default -> link.sendAndClose("error: unknown command '" + words[0] + "'\n");
        }
    }

    private void scale(int workers) {
        int wanted = Math.max(1, Math.min(Registry.MAX_WORKERS, workers));
        if (wanted != pool.wanted) {
            LOG.info("Scaling to {} worker(s)", wanted);
        } else if (workers > wanted) {
            LOG.warn("Already at the most workers allowed: {}", wanted);
        }
        pool.wanted = wanted;
    }

    private void reload() {
        Reloader.Outcome outcome = reloader.reload(settings);
        if (outcome.error() != null) {
            LOG.error("Reload refused: {}", outcome.error());
            return;
        }
        settings = outcome.settings();
        ticketKeys.rotate();
        pool.wanted = settings.get(Registry.WORKERS);
        pool.beginRollingReplace();
        serviceStatus.reloadStarted();
        LOG.info("Reloading: replacing workers one at a time");
    }

    private void stop(boolean graceful) {
        stopping = true;
        pool.stopAll(graceful, TimeUnit.SECONDS.toNanos(settings.get(Registry.GRACEFUL_TIMEOUT)), System.nanoTime());
        // As Gunicorn's arbiter does: once the workers have closed their copies too (the first thing
        // a ready worker does on STOP; a booting one holds its copy until TERM ends it), a new
        // connection is refused at once, which a load balancer reads as "try another host"; held
        // open here, it would wait in the queue and then be reset.
        listeners.closeAll();
    }

    private void halt(String reason, int status) {
        LOG.error("Shutting down: {}", reason);
        exitStatus = status;
        stop(false);
    }
}
