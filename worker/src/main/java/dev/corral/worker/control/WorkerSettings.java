package dev.corral.worker.control;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The settings a worker needs, as the master sent them. The master validated every value
 * before it started anything, so parsing here is plain conversion.
 */
public record WorkerSettings(int threads, int timeout, int gracefulTimeout, int keepalive,
                             long maxRequests, String app, List<Path> appClasspath,
                             boolean demoCrash, String errorlog) {

    /** Builds the worker's view from the master's {@code SET name value} lines. */
    public static WorkerSettings from(Map<String, String> values) {
        return new WorkerSettings(
                intOf(values, "threads", 1),
                intOf(values, "timeout", 30),
                intOf(values, "graceful_timeout", 30),
                intOf(values, "keepalive", 2),
                Long.parseLong(values.getOrDefault("worker_max_requests", "0")),
                emptyToNull(values.get("app")),
                pathsOf(values.get("app_classpath")),
                Boolean.parseBoolean(values.getOrDefault("demo_crash", "false")),
                values.getOrDefault("errorlog", "-"));
    }

    private static int intOf(Map<String, String> values, String name, int fallback) {
        String v = values.get(name);
        return v == null ? fallback : Integer.parseInt(v.trim());
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static List<Path> pathsOf(String list) {
        List<Path> out = new ArrayList<>();
        if (list != null) {
            for (String p : list.split("[:,]")) {
                if (!p.isBlank()) {
                    out.add(Path.of(p.trim()));
                }
            }
        }
        return List.copyOf(out);
    }
}
