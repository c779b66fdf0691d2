package dev.corral.master.control;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code corral top}: the workers as a table that refreshes every second, from the master's
 * {@code status --json}: pid, state, age, requests per second (from two looks a second apart),
 * requests in flight, connections, resident memory; and restarts by cause. Runs on the command's
 * own thread; keeps the previous look to turn request counts into rates.
 */
final class TopView {
    private static final Pattern WORKER = Pattern.compile("\\{\"pid\": (\\d+), \"state\": \"(\\w+)\", "
            + "\"age_seconds\": (\\d+), \"requests\": (\\d+), \"rss_kib\": (\\w+), \"connections\": (\\d+), "
            + "\"in_flight\": (\\d+)\\}");
    private static final Pattern MASTER = Pattern.compile("\"master\": (\\d+), \"uptime_seconds\": (\\d+), "
            + "\"workers_wanted\": (\\d+)");
    private static final Pattern RESTARTS = Pattern.compile("\"restarts\": \\{([^}]*)\\}");

    private Map<Long, Long> lastRequests = new HashMap<>();
    private long lastNanos;

    /** The table for one look at the master ({@code status --json}'s answer). */
    String render(String json, long nowNanos) {
        StringBuilder out = new StringBuilder();
        Matcher m = MASTER.matcher(json);
        if (m.find()) {
            out.append(String.format(Locale.ROOT, "corral master %s, up %ss, %s worker(s) wanted%n", m.group(1),
                    m.group(2), m.group(3)));
        }
        out.append(String.format(Locale.ROOT, "%-8s %-9s %7s %9s %9s %6s %7s%n", "PID", "STATE", "AGE", "REQ/S",
                "IN-FLIGHT", "CONNS", "RSS"));
        double seconds = lastNanos == 0 ? 0 : (nowNanos - lastNanos) / 1e9;
        Map<Long, Long> requests = new HashMap<>();
        Matcher w = WORKER.matcher(json);
        while (w.find()) {
            long pid = Long.parseLong(w.group(1));
            long served = Long.parseLong(w.group(4));
            requests.put(pid, served);
            Long before = lastRequests.get(pid);
            String rate = before == null || seconds <= 0 ? "-"
                    : String.format(Locale.ROOT, "%.0f", Math.max(0, served - before) / seconds);
            String rss = w.group(5).equals("null") ? "-" : (Long.parseLong(w.group(5)) / 1024) + "M";
            out.append(String.format(Locale.ROOT, "%-8d %-9s %6ss %9s %9s %6s %7s%n", pid, w.group(2), w.group(3),
                    rate, w.group(7), w.group(6), rss));
        }
        Matcher r = RESTARTS.matcher(json);
        if (r.find()) {
            // As corral status spells them: crash 1, timeout 0, ...
            out.append("restarts: ").append(r.group(1).replace("\"", "").replace(": ", " "))
                    .append(System.lineSeparator());
        }
        lastRequests = requests;
        lastNanos = nowNanos;
        return out.toString();
    }
}
