package dev.corral.master.control;

import dev.corral.master.settings.HelpText;
import dev.corral.master.settings.Registry;
import dev.corral.master.settings.Settings;
import dev.corral.master.settings.SettingsException;
import dev.corral.master.settings.SettingsLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code corral status | top | reload | stop | scale N}: finds the running master through its pidfile
 * ({@code -p PIDFILE}, or the {@code pidfile} of {@code -c CONFIG}) and asks it over the control
 * socket, the friendly front-end to the signals.
 */
public final class ControlCommand {

    /** Why the command could not be carried out; one line for the user. */
    static final class Failure extends Exception {
        final int status;

        Failure(String message, int status) {
            super(message);
            this.status = status;
        }
    }

    private ControlCommand() {
    }

    /** Whether the arguments are a control command rather than a server to run. */
    public static boolean matches(List<String> args) {
        return !args.isEmpty() && HelpText.CONTROL_COMMANDS.contains(args.get(0));
    }

    /** Runs the command, prints the master's answer, and returns the exit status. */
    public static int run(List<String> args, Map<String, String> env) {
        try {
            List<String> rest = new ArrayList<>(args.subList(1, args.size()));
            String request = args.get(0).toUpperCase(Locale.ROOT);
            if ("SCALE".equals(request)) {
                if (rest.isEmpty() || !rest.get(0).matches("\\d{1,6}") || Integer.parseInt(rest.get(0)) < 1
                        || Integer.parseInt(rest.get(0)) > Registry.MAX_WORKERS) {
                    throw new Failure("scale needs a number of workers from 1 to " + Registry.MAX_WORKERS
                            + ": corral scale N [-c CONFIG | -p PIDFILE]", 2);
                }
                request += " " + rest.remove(0);
            } else if ("STATUS".equals(request) && rest.remove("--json")) {
                request += " json";
            } else if ("TOP".equals(request)) {
                return top(rest, env);
            }
            String answer = ask(socketOf(rest, env), request);
            System.out.print(answer);
            return answer.startsWith("error:") ? 1 : 0;
        } catch (Failure f) {
            System.err.println("corral: error: " + f.getMessage());
            return f.status;
        }
    }

    // Refreshes every second until Ctrl-C, or -n N times (for scripts); on a terminal it redraws
    // in place, otherwise it prints one table after the other.
    private static int top(List<String> rest, Map<String, String> env) throws Failure {
        int times = Integer.MAX_VALUE;
        int n = rest.indexOf("-n");
        if (n >= 0) {
            if (n + 1 >= rest.size() || !rest.get(n + 1).matches("\\d{1,6}") || Integer.parseInt(rest.get(n + 1)) < 1) {
                throw new Failure("top -n needs a number of refreshes: corral top [-n N] [-c CONFIG | -p PIDFILE]", 2);
            }
            times = Integer.parseInt(rest.get(n + 1));
            rest.remove(n + 1);
            rest.remove(n);
        }
        Path socket = socketOf(rest, env);
        boolean terminal = System.console() != null;
        TopView view = new TopView();
        for (int i = 0; i < times; i++) {
            String table = view.render(ask(socket, "STATUS json"), System.nanoTime());
            System.out.print(terminal ? "\033[H\033[2J" + table : (i == 0 ? "" : System.lineSeparator()) + table);
            System.out.flush();
            if (i + 1 < times) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    private static Path socketOf(List<String> rest, Map<String, String> env) throws Failure {
        Settings settings;
        try {
            settings = SettingsLoader.load(rest, env);
        } catch (SettingsException e) {
            throw new Failure(e.getMessage(), 2);
        }
        Path pidfile = settings.get(Registry.PIDFILE);
        if (pidfile == null) {
            throw new Failure("cannot find the master: pass -p PIDFILE, or -c CONFIG whose pidfile is set", 2);
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidfile).trim());
        } catch (IOException | NumberFormatException e) {
            throw new Failure("cannot read pidfile '" + pidfile + "': is the master running?", 1);
        }
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return ControlServer.socketPath(pid);
        }
        throw new Failure("no master is running with pid " + pid + " (from pidfile '" + pidfile + "')", 1);
    }

    private static String ask(Path socket, String request) throws Failure {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            ch.write(ByteBuffer.wrap((request + "\n").getBytes(StandardCharsets.UTF_8)));
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(8192);
            while (ch.read(buf) >= 0) {
                answer.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            return answer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Failure("cannot reach the master at " + socket + ": " + e.getMessage(), 1);
        }
    }
}
