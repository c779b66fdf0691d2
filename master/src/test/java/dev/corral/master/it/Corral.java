package dev.corral.master.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A real Corral master started the way a user starts it ({@code scripts/corral ...}), with its
 * output captured line by line. Closing it kills the master and every descendant by pid.
 */
final class Corral implements AutoCloseable {
    static final Path HOME = Path.of(System.getProperty("corral.home", "..")).toAbsolutePath().normalize();
    private static final Pattern LISTENING = Pattern.compile("Listening at: https?://[^ ]+:(\\d+) \\((\\d+)\\)");

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Set<Long> everSeenWorkers = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Thread reader;

    private Corral(Process process) {
        this.process = process;
        this.reader = new Thread(this::pump, "corral-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code scripts/corral} with these arguments (the working directory is the repo). */
    static Corral start(String... args) throws IOException {
        return start(List.of(), args);
    }

    /** Starts it with extra {@code NAME=value} environment variables. */
    static Corral start(List<String> env, String... args) throws IOException {
        return start(env, List.of(), args);
    }

    /** Starts it through {@code wrapper} (e.g. nohup), a command that execs the rest. */
    static Corral start(List<String> env, List<String> wrapper, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.add(HOME.resolve("scripts/corral").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(HOME.toFile()).redirectErrorStream(true);
        // The suite runs after `package`: the launcher must use that build, never start another.
        pb.environment().put("CORRAL_SKIP_BUILD", "1");
        for (String kv : env) {
            int eq = kv.indexOf('=');
            pb.environment().put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return new Corral(pb.start());
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
                System.out.println("[corral " + process.pid() + "] " + line);
            }
        } catch (IOException ignored) {
            // The process is gone; what it printed is kept.
        }
    }

    long pid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    List<String> output() {
        return List.copyOf(lines);
    }

    String outputText() {
        return String.join("\n", lines);
    }

    /** Waits for a line matching {@code regex}; fails with the output so far if none comes. */
    Matcher awaitLine(String regex, Duration within) {
        Pattern p = Pattern.compile(regex);
        long deadline = System.nanoTime() + within.toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            List<String> now = output();
            for (; seen < now.size(); seen++) {
                Matcher m = p.matcher(now.get(seen));
                if (m.find()) {
                    return m;
                }
            }
            sleepBriefly();
        }
        throw new AssertionError("no line matching /" + regex + "/ within " + within + "; output:\n" + outputText());
    }

    /** Counts lines matching {@code regex} so far. */
    long countLines(String regex) {
        Pattern p = Pattern.compile(regex);
        return output().stream().filter(l -> p.matcher(l).find()).count();
    }

    /** The port of the first TCP address, from the {@code Listening at:} line. */
    int port() {
        return Integer.parseInt(awaitLine(LISTENING.pattern(), Duration.ofSeconds(60)).group(1));
    }

    /** The master's children: its worker JVMs. */
    Set<Long> workerPids() {
        Set<Long> pids = ProcessHandle.of(pid()).map(h -> h.children().filter(c -> running(c.pid()))
                .map(ProcessHandle::pid).collect(Collectors.toSet())).orElse(Set.of());
        everSeenWorkers.addAll(pids);
        return pids;
    }

    /** Waits until the master has exactly {@code n} live children. */
    Set<Long> awaitWorkerCount(int n, Duration within) {
        return awaitWorkers(pids -> pids.size() == n, within, "exactly " + n + " workers");
    }

    /**
     * Waits until the master's live children satisfy {@code condition} and returns the set that
     * did: a second look could already see a worker more or less mid-replacement.
     */
    Set<Long> awaitWorkers(java.util.function.Predicate<Set<Long>> condition, Duration within, String what) {
        java.util.concurrent.atomic.AtomicReference<Set<Long>> seen = new java.util.concurrent.atomic.AtomicReference<>();
        await(() -> {
            seen.set(workerPids());
            return condition.test(seen.get());
        }, within, () -> "expected " + what + ", have " + seen.get());
        return seen.get();
    }

    /**
     * Whether a process still runs. An exited orphan stays a zombie until PID 1 reaps it (some
     * container inits never do); it holds no memory and no socket, so it counts as gone.
     */
    static boolean running(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException gone) {
            return false;
        }
    }

    /** Sends a signal by name ({@code TERM}, {@code KILL}, ...) to a pid. */
    static void signal(long pid, String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(pid)).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -s " + name + " " + pid + " failed");
        }
    }

    void signal(String name) throws IOException, InterruptedException {
        signal(pid(), name);
    }

    /** Waits for the master to exit and returns its status. */
    int awaitExit(Duration within) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("master still running after " + within + "; output:\n" + outputText());
        }
        // What it printed last may still be in the pipe; bounded, as a leftover child could hold it open.
        reader.join(2000);
        return process.exitValue();
    }

    static void await(BooleanSupplier condition, Duration within, java.util.function.Supplier<String> why) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + within + ": " + why.get());
            }
            sleepBriefly();
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    /** Kills the master and every worker it ever had, by pid, and waits for them to go. */
    @Override
    public void close() {
        workerPids();
        ProcessHandle.of(pid()).ifPresent(h -> h.descendants().forEach(d -> everSeenWorkers.add(d.pid())));
        // A quick stop (INT) lets the master remove its control directory; KILL if it lingers.
        if (process.isAlive()) {
            try {
                signal(pid(), "INT");
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException | AssertionError e) {
                // Falls through to KILL.
            }
        }
        process.destroyForcibly();
        for (long pid : everSeenWorkers) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
