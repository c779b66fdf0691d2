package dev.corral.master.supervisor;

import dev.corral.master.settings.Registry;
import dev.corral.master.settings.Settings;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What {@code corral status} prints: the master, each worker, and restarts by cause; as a table,
 * or as JSON for scripts ({@code corral status --json}). Rendered on the supervision loop.
 */
final class StatusReport {
    private StatusReport() {
    }

    static String render(WorkerPool pool, Settings settings, long startedMillis) {
        long now = System.nanoTime();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "master %d, up %s, %d worker(s) wanted, listening at %s%n",
                ProcessHandle.current().pid(), age(TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis() - startedMillis)),
                pool.wanted, settings.get(Registry.BIND)));
        out.append(String.format(Locale.ROOT, "%-8s %-9s %8s %10s %8s%n", "PID", "STATE", "AGE", "REQUESTS", "RSS"));
        byAge(pool).forEach(w -> out.append(String.format(Locale.ROOT, "%-8d %-9s %8s %10d %8s%n", w.pid,
                w.state.name().toLowerCase(Locale.ROOT), age(now - w.startedNanos), w.requests,
                w.rssKib == 0 ? "-" : (w.rssKib / 1024) + "M")));
        StringJoiner causes = new StringJoiner(", ", "restarts: ", "\n");
        for (Map.Entry<RestartCause, Integer> e : pool.restarts().snapshot().entrySet()) {
            causes.add(e.getKey().label() + " " + e.getValue());
        }
        return out.append(causes).toString();
    }

    /**
     * The same figures as {@link #render}, as one JSON object; ages in seconds, memory in KiB
     * ({@code null} until a worker's first heartbeat), connections and requests in flight as of its
     * last heartbeat.
     */
    static String json(WorkerPool pool, Settings settings, long startedMillis) {
        long now = System.nanoTime();
        StringJoiner listening = new StringJoiner(", ", "[", "]");
        settings.get(Registry.BIND).forEach(b -> listening.add(quoted(b.toString())));
        StringJoiner workers = new StringJoiner(", ", "[", "]");
        byAge(pool).forEach(w -> workers.add(String.format(Locale.ROOT,
                "{\"pid\": %d, \"state\": \"%s\", \"age_seconds\": %d, \"requests\": %d, \"rss_kib\": %s, "
                        + "\"connections\": %d, \"in_flight\": %d}",
                w.pid, w.state.name().toLowerCase(Locale.ROOT), TimeUnit.NANOSECONDS.toSeconds(now - w.startedNanos),
                w.requests, w.rssKib == 0 ? "null" : Long.toString(w.rssKib), w.connections, w.inFlight)));
        StringJoiner restarts = new StringJoiner(", ", "{", "}");
        pool.restarts().snapshot().forEach((cause, n) -> restarts.add(quoted(cause.label()) + ": " + n));
        return String.format(Locale.ROOT, "{\"master\": %d, \"uptime_seconds\": %d, \"workers_wanted\": %d, "
                        + "\"listening\": %s, \"workers\": %s, \"restarts\": %s}%n",
                ProcessHandle.current().pid(), (System.currentTimeMillis() - startedMillis) / 1000, pool.wanted,
                listening, workers, restarts);
    }

    private static Stream<WorkerSlot> byAge(WorkerPool pool) {
        return pool.slots().stream().sorted(Comparator.comparingLong(w -> w.startedNanos));
    }

    // A JSON string; the texts here (addresses, paths, fixed labels) need only these escapes.
    private static String quoted(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
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
