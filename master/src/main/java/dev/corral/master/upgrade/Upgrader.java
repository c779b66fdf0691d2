package dev.corral.master.upgrade;

import dev.corral.master.systemd.SocketActivation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The old master's side of an in-place upgrade (USR2), as Gunicorn, Unicorn and nginx do it: it
 * renames its pidfile to {@code <pidfile>.oldbin} and starts a new master from the Corral build
 * now on disk (the launcher and the arguments this one was started with), which takes the
 * listening sockets over the control socket ({@link UpgradeClient}) and boots its own workers on
 * them. If the new master exits, the pidfile gets its name back and this master serves on. Used
 * from the supervision loop; the new master's exit is reported from the JDK's reaper thread.
 */
public final class Upgrader {
    private static final Logger LOG = LoggerFactory.getLogger(Upgrader.class);

    private final Path launcher;
    private final List<String> args;
    private final Path pidfile;
    private final Path controlSocket;
    private Process child;

    /**
     * @param launcher scripts/corral, or null when the master was not started through it
     * @param controlSocket this master's control socket, where the new master asks for the sockets
     */
    public Upgrader(Path launcher, List<String> args, Path pidfile, Path controlSocket) {
        this.launcher = launcher;
        this.args = List.copyOf(args);
        this.pidfile = pidfile;
        this.controlSocket = controlSocket;
    }

    /** Whether a new master started by this one still runs. */
    public boolean underWay() {
        return child != null && child.isAlive();
    }

    /** The new master's pid, or -1. */
    public long childPid() {
        return child == null ? -1 : child.pid();
    }

    /** Starts the new master; {@code exited} hears its pid and exit status when it ends. */
    public void start(BiConsumer<Long, Integer> exited) {
        if (underWay()) {
            LOG.warn("An upgrade is already under way: the new master is pid {}", child.pid());
            return;
        }
        if (launcher == null || !Files.isExecutable(launcher)) {
            LOG.error("Cannot upgrade in place: the master was not started through scripts/corral");
            return;
        }
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put(UpgradeClient.FROM, controlSocket.toString());
        // The build on disk as it is: an upgrade never runs Maven.
        builder.environment().put("CORRAL_SKIP_BUILD", "1");
        SocketActivation.VARIABLES.forEach(builder.environment()::remove);
        try {
            movePidfile(pidfile, oldbin());
            child = builder.start();
        } catch (IOException e) {
            LOG.error("Cannot start the new master: {}", e.getMessage());
            restorePidfile();
            return;
        }
        LOG.info("Upgrading: started a new master with pid {}", child.pid());
        Process started = child;
        started.onExit().thenAccept(p -> exited.accept(p.pid(), p.exitValue()));
    }

    /** The new master ended: if it was ours, the pidfile is this master's again. */
    public void childExited(long pid, int status) {
        if (child == null || child.pid() != pid) {
            return;
        }
        child = null;
        // The pidfile first: whoever reads the line may read the pidfile next.
        restorePidfile();
        LOG.error("The new master (pid {}) exited with code {}; this master keeps serving", pid, status);
    }

    private void restorePidfile() {
        try {
            movePidfile(oldbin(), pidfile);
        } catch (IOException e) {
            LOG.warn("Cannot rename {} back: {}", oldbin(), e.getMessage());
        }
    }

    private Path oldbin() {
        return pidfile == null ? null : pidfile.resolveSibling(pidfile.getFileName() + ".oldbin");
    }

    private static void movePidfile(Path from, Path to) throws IOException {
        if (from != null && Files.exists(from)) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
