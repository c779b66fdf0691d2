package dev.corral.worker.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WorkerSettingsTest {
    @Test
    void readsTheMastersCanonicalValues() {
        WorkerSettings s = TestSettings.settings(Map.of("threads", "4", "timeout", "3", "graceful_timeout", "7",
                "keepalive", "0", "app", "com.example.App", "app_classpath", "/a.jar:/b", "demo_crash", "true",
                "errorlog", "/var/log/c.log", "max_requests", "250"));
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
    void anEmptyValueIsAnUnsetOptionalSetting() {
        WorkerSettings s = TestSettings.settings(Map.of("app", "", "accesslog", ""));
        assertNull(s.app());
        assertNull(s.accesslog());
        assertEquals(List.of(), s.appClasspath());
    }

    @Test
    void everyNameIsRequired() {
        for (String name : WorkerSettings.NAMES) {
            Map<String, String> values = new HashMap<>(TestSettings.with(Map.of()));
            values.remove(name);
            var e = assertThrows(WorkerSettings.MissingSetting.class, () -> WorkerSettings.from(values));
            assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
        }
    }

    @Test
    void theQuotaIsMaxRequestsPlusAJitterDrawnOnce() {
        assertEquals(0, TestSettings.settings(Map.of("max_requests", "0", "max_requests_jitter", "50"))
                .requestQuota(new Random(1)));
        assertEquals(100, TestSettings.settings(Map.of("max_requests", "100")).requestQuota(new Random(1)));
        WorkerSettings jittered = TestSettings.settings(Map.of("max_requests", "100", "max_requests_jitter", "10"));
        long min = Long.MAX_VALUE;
        long max = 0;
        Random random = new Random(7);
        for (int i = 0; i < 1000; i++) {
            long q = jittered.requestQuota(random);
            min = Math.min(min, q);
            max = Math.max(max, q);
        }
        assertEquals(100, min);
        assertEquals(110, max);
    }

    @Test
    void readsTheHttpSettings() {
        WorkerSettings s = TestSettings.settings(Map.ofEntries(Map.entry("limit_request_line", "0"),
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
