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
}
