package dev.corral.master.supervisor;

import dev.corral.master.settings.Registry;
import dev.corral.master.settings.Settings;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

/** What {@code corral status} prints: the master, each worker, and restarts by cause. */
final class StatusReport {
    private StatusReport() {
    }

    static String render(WorkerPool pool, Settings settings, long startedMillis) {
        long now = System.nanoTime();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "master %d, up %s, %d worker(s) wanted, listening at %s%n",
                ProcessHandle.current().pid(), age(TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis() - startedMillis)),
                pool.wanted, settings.get(Registry.BIND)));
        out.append(String.format(Locale.ROOT, "%-8s %-9s %8s %10s%n", "PID", "STATE", "AGE", "REQUESTS"));
        pool.slots().stream().sorted(Comparator.comparingLong(w -> w.startedNanos)).forEach(w ->
                out.append(String.format(Locale.ROOT, "%-8d %-9s %8s %10d%n", w.pid,
                        w.state.name().toLowerCase(Locale.ROOT), age(now - w.startedNanos), w.requests)));
        StringJoiner causes = new StringJoiner(", ", "restarts: ", "\n");
        for (Map.Entry<RestartCause, Integer> e : pool.restarts().snapshot().entrySet()) {
            causes.add(e.getKey().label() + " " + e.getValue());
        }
        return out.append(causes).toString();
    }

    static String age(long nanos) {
        long s = TimeUnit.NANOSECONDS.toSeconds(nanos);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + (s % 60) + "s";
        }
        return (s / 3600) + "h" + (s % 3600 / 60) + "m";
    }
}
