package dev.corral.master;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The {@code pidfile}: written at start-up, removed when the master exits. */
final class Pidfile implements AutoCloseable {
    private final Path path;

    private Pidfile(Path path) {
        this.path = path;
    }

    /**
     * Refuses to start when the pidfile names a master that is still running, as Gunicorn does;
     * a pidfile left by a master that died (or whose pid now belongs to another program) is stale.
     *
     * @return why not to start, or null
     */
    static String runningMasterIn(Path path) {
        if (path == null || !Files.exists(path)) {
            return null;
        }
        try {
            long pid = Long.parseLong(Files.readString(path).trim());
            String cmdline = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"));
            if (pid != ProcessHandle.current().pid() && cmdline.contains(Main.class.getName())) {
                return "Already running on PID " + pid + " (or pid file '" + path + "' is stale)";
            }
        } catch (IOException | NumberFormatException stale) {
            // Unreadable, or no such process: the file is stale and will be overwritten.
        }
        return null;
    }

    static Pidfile create(Path path, long pid) throws IOException {
        if (path != null) {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(path, pid + "\n");
        }
        return new Pidfile(path);
    }

    /**
     * Removes the pidfile, or its {@code .oldbin} name after an upgrade (USR2), if it still names
     * this master: a new master's pidfile is never this one's to remove.
     */
    @Override
    public void close() {
        if (path == null) {
            return;
        }
        String mine = ProcessHandle.current().pid() + "";
        for (Path p : List.of(path, path.resolveSibling(path.getFileName() + ".oldbin"))) {
            try {
                if (Files.exists(p) && Files.readString(p).trim().equals(mine)) {
                    Files.delete(p);
                }
            } catch (IOException ignored) {
                // On the way out; a stale pidfile names a pid that is gone, which readers check.
            }
        }
    }
}
