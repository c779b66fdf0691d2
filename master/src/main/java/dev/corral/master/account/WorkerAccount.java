package dev.corral.master.account;

import dev.corral.master.settings.Registry;
import dev.corral.master.settings.Settings;
import dev.corral.master.settings.SettingsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The user and group workers run as ({@code user}, {@code group}, {@code initgroups}, Gunicorn's
 * settings): the master keeps its own identity (root, to bind port 80), starts each worker
 * through util-linux's {@code setpriv}, and hands the files workers must open (the control
 * socket, the log files) to that user. Resolved once at start, on the master's main thread.
 */
public final class WorkerAccount {
    private static final WorkerAccount SAME = new WorkerAccount(-1, -1, false);

    private final int uid;
    private final int gid;
    private final boolean initGroups;

    private WorkerAccount(int uid, int gid, boolean initGroups) {
        this.uid = uid;
        this.gid = gid;
        this.initGroups = initGroups;
    }

    /** Workers run as the master does. */
    public static WorkerAccount same() {
        return SAME;
    }

    /**
     * Looks the user and group up (through {@code id} and {@code getent}, so NSS users count) and
     * checks that the master can switch to them.
     */
    public static WorkerAccount resolve(Settings settings) throws SettingsException {
        String user = settings.get(Registry.USER);
        String group = settings.get(Registry.GROUP);
        if (user == null && group == null) {
            return SAME;
        }
        int uid = user == null ? currentId("-u") : id("user", user, "id", "-u", user);
        int gid = group != null ? groupId(group)
                : user != null ? id("user", user, "id", "-g", user) : currentId("-g");
        int myUid = currentId("-u");
        if (myUid != 0 && (uid != myUid || gid != currentId("-g"))) {
            throw new SettingsException((user != null ? "user" : "group") + ": workers can switch to "
                    + (user != null ? "user '" + user + "'" : "group '" + group + "'")
                    + " only when the master runs as root (it runs as uid " + myUid + ")");
        }
        if (run("setpriv", "--version") == null) {
            throw new SettingsException((user != null ? "user" : "group")
                    + ": running workers as another user needs setpriv (Debian's util-linux) on the PATH");
        }
        return new WorkerAccount(uid, gid, settings.get(Registry.INITGROUPS));
    }

    /** What goes before {@code java} in a worker's command: nothing, or setpriv and its options. */
    public List<String> commandPrefix() {
        if (this == SAME) {
            return List.of();
        }
        List<String> prefix = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid,
                initGroups ? "--init-groups" : "--clear-groups"));
        prefix.add("--");
        return prefix;
    }

    /** Gives {@code path} to the workers' user and group, so that they can open it. */
    public void handOver(Path path) throws IOException {
        if (this != SAME) {
            Files.setAttribute(path, "unix:gid", gid);
            Files.setAttribute(path, "unix:uid", uid);
        }
    }

    /** A log file the workers append to: created if missing, then theirs. */
    public void handOverLog(String target) throws IOException {
        if (this == SAME || target == null || target.isEmpty() || target.equals("-")) {
            return;
        }
        Path file = Path.of(target);
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
        handOver(file);
    }

    private static int groupId(String group) throws SettingsException {
        if (group.matches("[0-9]+")) {
            return Integer.parseInt(group);
        }
        String entry = run("getent", "group", group);
        if (entry == null) {
            throw new SettingsException("group: '" + group + "' is not a group on this machine");
        }
        return Integer.parseInt(entry.split(":")[2]);
    }

    private static int id(String setting, String name, String... command) throws SettingsException {
        String out = run(command);
        if (out == null) {
            throw new SettingsException(setting + ": '" + name + "' is not a user on this machine");
        }
        return Integer.parseInt(out);
    }

    private static int currentId(String flag) {
        String out = run("id", flag);
        return out == null ? -1 : Integer.parseInt(out);
    }

    // Standard output, trimmed; null when the command fails or is missing.
    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 && !out.isEmpty() ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
