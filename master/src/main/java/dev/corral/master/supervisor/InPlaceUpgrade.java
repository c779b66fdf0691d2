package dev.corral.master.supervisor;

import dev.corral.master.settings.Registry;
import dev.corral.master.settings.Settings;
import dev.corral.master.sockets.ListenerSet;
import dev.corral.master.upgrade.Upgrader;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * USR2 and WINCH as Gunicorn documents them: USR2 starts a new master (see {@link Upgrader})
 * that is handed this master's listening sockets when it asks; WINCH, while that new master
 * runs, retires this master's workers gracefully; TERM then ends this master. If the new master
 * exits, this one serves on, with its workers back if WINCH had retired them. Used only from the
 * supervision loop.
 */
final class InPlaceUpgrade {
    private static final Logger LOG = LoggerFactory.getLogger(InPlaceUpgrade.class);

    private final Upgrader upgrader;
    private final SlotSockets listeners;
    private ControlLink link;

    InPlaceUpgrade(Upgrader upgrader, SlotSockets listeners) {
        this.upgrader = upgrader;
        this.listeners = listeners;
    }

    void usr2(Consumer<Event> events) {
        upgrader.start((pid, status) -> events.accept(new Event.UpgradeExited(pid, status)));
    }

    /** WINCH: a terminal's resize unless a new master serves, so ignored then, as by Gunicorn. */
    void winch(WorkerPool pool) {
        if (!upgrader.underWay()) {
            LOG.debug("Ignoring SIGWINCH: no upgrade is under way");
            return;
        }
        LOG.info("Retiring every worker: the new master (pid {}) serves", upgrader.childPid());
        pool.wanted = 0;
    }

    /** The new master asks for the sockets: it is told how many, and asks for them (SEND_FDS). */
    void requested(long pid, ControlLink from) {
        if (pid != upgrader.childPid()) {
            LOG.warn("Process {} asked for the listening sockets, but no upgrade started it", pid);
            from.close();
            return;
        }
        link = from;
        link.send("FDS " + sockets().size());
    }

    /** Sends the sockets if {@code pid} is the new master; false if it is not (a worker, then). */
    boolean descriptorsRequested(long pid) {
        if (link == null || pid != upgrader.childPid()) {
            return false;
        }
        link.sendDescriptors(sockets().stream().map(ListenerSet.Handed::socket).toList());
        LOG.info("Handed the listening sockets to the new master (pid {})", pid);
        return true;
    }

    void exited(long pid, int status, WorkerPool pool, Settings settings) {
        if (pid != upgrader.childPid()) {
            return;
        }
        upgrader.childExited(pid, status);
        link = null;
        if (pool.wanted == 0) {
            pool.wanted = settings.get(Registry.WORKERS);
            LOG.info("Booting {} worker(s) again", pool.wanted);
        }
    }

    // Slot 0's: with reuse_port the new master shares them (it adopts, never binds more).
    private List<ListenerSet.Handed> sockets() {
        try {
            return listeners.socketsFor(0);
        } catch (ListenerSet.BindFailure e) {
            throw new IllegalStateException("slot 0's sockets are bound from the start", e);
        }
    }
}
