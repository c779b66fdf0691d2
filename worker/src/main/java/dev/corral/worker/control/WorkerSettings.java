package dev.corral.worker.control;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The settings a worker needs, as the master sent them. Every setting is declared once, in the
 * master's registry, with its default; the master sends every one of them (an unset optional
 * one as empty text), so a name missing here is a bug between master and worker and fails the
 * worker's boot loudly rather than falling back to a second copy of a default. The master
 * validated every value before it started anything, so parsing here is plain conversion.
 *
 * <p>The HTTP limits use Gunicorn's names and meanings; see {@code docs/http.md}.
 */
public record WorkerSettings(int threads, int timeout, int gracefulTimeout, int keepalive,
                             int maxRequests, int maxRequestsJitter, String app, List<Path> appClasspath,
                             boolean demoCrash, String errorlog,
                             int limitRequestLine, int limitRequestFields, int limitRequestFieldSize,
                             long limitRequestBody, int headerTimeout, int bodyTimeout,
                             int workerConnections, boolean serverHeader, String accesslog,
                             String accessLogFormat, String forwardedAllowIps, int workers,
                             Map<String, String> servletInitParams, TlsSettings tls,
                             boolean proxyProtocol, String proxyAllowIps, Http2Settings http2) {

    /** The registry's names of the settings read here, in the order of the fields above. */
    public static final List<String> NAMES = List.of("threads", "timeout", "graceful_timeout", "keepalive",
            "max_requests", "max_requests_jitter", "app", "app_classpath", "demo_crash", "errorlog",
            "limit_request_line", "limit_request_fields", "limit_request_field_size", "limit_request_body",
            "header_timeout", "body_timeout", "worker_connections", "server_header", "accesslog",
            "access_log_format", "forwarded_allow_ips", "workers", "servlet_init_param",
            "certfile", "keyfile", "ca_certs", "cert_reqs", "ciphers", "proxy_protocol", "proxy_allow_ips",
            "http_protocols", "http2_cleartext", "http2_max_concurrent_streams", "http2_initial_window_size",
            "http2_max_frame_size", "http2_max_header_list_size");

    /** A setting the master did not send. */
    public static final class MissingSetting extends IllegalArgumentException {
        MissingSetting(String name) {
            super("the master sent no value for setting '" + name + "'");
        }
    }

    /** Builds the worker's view from the master's {@code SET name value} lines. */
    public static WorkerSettings from(Map<String, String> values) {
        Values v = new Values(values);
        return new WorkerSettings(
                v.integer("threads"), v.integer("timeout"), v.integer("graceful_timeout"), v.integer("keepalive"),
                v.integer("max_requests"), v.integer("max_requests_jitter"),
                v.optional("app"), v.paths("app_classpath"), v.bool("demo_crash"), v.text("errorlog"),
                v.integer("limit_request_line"), v.integer("limit_request_fields"),
                v.integer("limit_request_field_size"), Long.parseLong(v.text("limit_request_body")),
                v.integer("header_timeout"), v.integer("body_timeout"), v.integer("worker_connections"),
                v.bool("server_header"), v.optional("accesslog"), v.text("access_log_format"),
                v.text("forwarded_allow_ips"), v.integer("workers"), v.form("servlet_init_param"),
                new TlsSettings(v.optional("certfile"), v.optional("keyfile"), v.optional("ca_certs"),
                        v.text("cert_reqs"), v.optional("ciphers")),
                v.bool("proxy_protocol"), v.text("proxy_allow_ips"),
                new Http2Settings(List.of(v.text("http_protocols").split(",")),
                        v.text("http2_cleartext").equals("prior-knowledge"), v.integer("http2_max_concurrent_streams"),
                        v.integer("http2_initial_window_size"), v.integer("http2_max_frame_size"),
                        v.integer("http2_max_header_list_size")));
    }

    /** The same settings, with the TLS session-ticket keys the master sent. */
    public WorkerSettings withTicketKeys(List<byte[]> keys) {
        return new WorkerSettings(threads, timeout, gracefulTimeout, keepalive, maxRequests, maxRequestsJitter, app,
                appClasspath, demoCrash, errorlog, limitRequestLine, limitRequestFields, limitRequestFieldSize,
                limitRequestBody, headerTimeout, bodyTimeout, workerConnections, serverHeader, accesslog,
                accessLogFormat, forwardedAllowIps, workers, servletInitParams, tls.withTicketKeys(keys),
                proxyProtocol, proxyAllowIps, http2);
    }

    /**
     * How many requests this worker answers before it asks to be replaced: {@code max_requests}
     * plus a random jitter up to {@code max_requests_jitter}, drawn once per worker as Gunicorn's
     * workers do, so that workers started together do not all recycle at once; 0 for never.
     */
    public long requestQuota(RandomGenerator random) {
        if (maxRequests <= 0) {
            return 0;
        }
        return maxRequests + (maxRequestsJitter > 0 ? random.nextInt(maxRequestsJitter + 1) : 0);
    }

    // The master's canonical text of each value, read by name; a missing name throws.
    private record Values(Map<String, String> values) {
        String text(String name) {
            String v = values.get(name);
            if (v == null) {
                throw new MissingSetting(name);
            }
            return v.trim();
        }

        int integer(String name) {
            return Integer.parseInt(text(name));
        }

        boolean bool(String name) {
            return Boolean.parseBoolean(text(name));
        }

        String optional(String name) {
            String v = text(name);
            return v.isEmpty() ? null : v;
        }

        // name=value pairs, each URL-encoded, joined by &: values may hold commas, colons, spaces.
        Map<String, String> form(String name) {
            Map<String, String> out = new java.util.LinkedHashMap<>();
            for (String pair : text(name).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(java.net.URLDecoder.decode(pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
                            java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            return java.util.Collections.unmodifiableMap(out);
        }

        List<Path> paths(String name) {
            List<Path> out = new ArrayList<>();
            for (String p : text(name).split("[:,]")) {
                if (!p.isBlank()) {
                    out.add(Path.of(p.trim()));
                }
            }
            return List.copyOf(out);
        }
    }
}
