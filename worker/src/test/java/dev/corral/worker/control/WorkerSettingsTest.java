package dev.corral.worker.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerSettingsTest {
    @Test
    void readsTheMastersCanonicalValues() {
        WorkerSettings s = WorkerSettings.from(Map.of("threads", "4", "timeout", "3", "graceful_timeout", "7",
                "keepalive", "0", "app", "com.example.App", "app_classpath", "/a.jar:/b", "demo_crash", "true", "errorlog", "/var/log/c.log",
                "worker_max_requests", "250"));
        assertEquals(4, s.threads());
        assertEquals(3, s.timeout());
        assertEquals(7, s.gracefulTimeout());
        assertEquals(0, s.keepalive());
        assertEquals("com.example.App", s.app());
        assertEquals(List.of(Path.of("/a.jar"), Path.of("/b")), s.appClasspath());
        assertTrue(s.demoCrash());
        assertEquals(250, s.maxRequests());
    }

    @Test
    void anEmptyAppMeansTheDemo() {
        WorkerSettings s = WorkerSettings.from(Map.of("app", ""));
        assertNull(s.app());
        assertEquals(List.of(), s.appClasspath());
    }

    @Test
    void httpSettingsHaveGunicornsDefaults() {
        WorkerSettings s = WorkerSettings.from(Map.of());
        assertEquals(4094, s.limitRequestLine());
        assertEquals(100, s.limitRequestFields());
        assertEquals(8190, s.limitRequestFieldSize());
        assertEquals(10_485_760, s.limitRequestBody());
        assertEquals(10, s.headerTimeout());
        assertEquals(30, s.bodyTimeout());
        assertEquals(1000, s.workerConnections());
        assertTrue(s.serverHeader());
        assertNull(s.accesslog());
        assertEquals(WorkerSettings.DEFAULT_ACCESS_LOG_FORMAT, s.accessLogFormat());
        assertEquals("127.0.0.1", s.forwardedAllowIps());
    }

    @Test
    void readsTheHttpSettings() {
        WorkerSettings s = WorkerSettings.from(Map.ofEntries(Map.entry("limit_request_line", "0"),
                Map.entry("limit_request_fields", "7"), Map.entry("limit_request_field_size", "99"),
                Map.entry("limit_request_body", "0"), Map.entry("header_timeout", "3"), Map.entry("body_timeout", "4"),
                Map.entry("worker_connections", "5"), Map.entry("server_header", "false"), Map.entry("accesslog", "-"),
                Map.entry("access_log_format", "%(h)s"), Map.entry("forwarded_allow_ips", "*")));
        assertEquals(0, s.limitRequestLine());
        assertEquals(7, s.limitRequestFields());
        assertEquals(99, s.limitRequestFieldSize());
        assertEquals(0, s.limitRequestBody());
        assertEquals(3, s.headerTimeout());
        assertEquals(4, s.bodyTimeout());
        assertEquals(5, s.workerConnections());
        assertTrue(!s.serverHeader());
        assertEquals("-", s.accesslog());
        assertEquals("%(h)s", s.accessLogFormat());
        assertEquals("*", s.forwardedAllowIps());
    }
}
