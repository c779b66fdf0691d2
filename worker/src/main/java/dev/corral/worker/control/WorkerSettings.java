package dev.corral.worker.control;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The settings a worker needs, as the master sent them. The master validated every value
 * before it started anything, so parsing here is plain conversion.
 *
 * <p>The HTTP limits use Gunicorn's names and meanings; see {@code docs/http.md}.
 */
public record WorkerSettings(int threads, int timeout, int gracefulTimeout, int keepalive,
                             long maxRequests, String app, List<Path> appClasspath,
                             boolean demoCrash, String errorlog,
                             int limitRequestLine, int limitRequestFields, int limitRequestFieldSize,
                             long limitRequestBody, int headerTimeout, int bodyTimeout,
                             int workerConnections, boolean serverHeader, String accesslog,
                             String accessLogFormat, String forwardedAllowIps) {

    /** Gunicorn's default access log format. */
    public static final String DEFAULT_ACCESS_LOG_FORMAT =
            "%(h)s %(l)s %(u)s %(t)s \"%(r)s\" %(s)s %(b)s \"%(f)s\" \"%(a)s\"";

    /** Builds the worker's view from the master's {@code SET name value} lines. */
    public static WorkerSettings from(Map<String, String> values) {
        return new WorkerSettings(
                intOf(values, "threads", 1),
                intOf(values, "timeout", 30),
                intOf(values, "graceful_timeout", 30),
                intOf(values, "keepalive", 2),
                longOf(values, "worker_max_requests", 0),
                emptyToNull(values.get("app")),
                pathsOf(values.get("app_classpath")),
                Boolean.parseBoolean(values.getOrDefault("demo_crash", "false")),
                values.getOrDefault("errorlog", "-"),
                intOf(values, "limit_request_line", 4094),
                intOf(values, "limit_request_fields", 100),
                intOf(values, "limit_request_field_size", 8190),
                longOf(values, "limit_request_body", 10_485_760),
                intOf(values, "header_timeout", 10),
                intOf(values, "body_timeout", 30),
                intOf(values, "worker_connections", 1000),
                Boolean.parseBoolean(values.getOrDefault("server_header", "true").trim()),
                emptyToNull(values.get("accesslog")),
                values.getOrDefault("access_log_format", DEFAULT_ACCESS_LOG_FORMAT),
                values.getOrDefault("forwarded_allow_ips", "127.0.0.1"));
    }

    /** The defaults, as a worker started without any {@code SET} line would have them. */
    public static WorkerSettings defaults() {
        return from(Map.of());
    }

    private static int intOf(Map<String, String> values, String name, int fallback) {
        String v = values.get(name);
        return v == null ? fallback : Integer.parseInt(v.trim());
    }

    private static long longOf(Map<String, String> values, String name, long fallback) {
        String v = values.get(name);
        return v == null ? fallback : Long.parseLong(v.trim());
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
