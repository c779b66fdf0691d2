package dev.corral.worker.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestTest {
    private static Request get(String target) {
        return new Request("GET", target, List.of(), null, null);
    }

    @Test
    void pathOfAnOriginFormTarget() {
        assertEquals("/sentiment", get("/sentiment?text=good").path());
        assertEquals("/a/b", get("/a/b").path());
        assertEquals("*", get("*").path());
    }

    @Test
    void pathOfAnAbsoluteFormTarget() {
        assertEquals("/pid", get("http://x/pid").path());
        assertEquals("/sentiment", get("http://example.com:8080/sentiment?text=good").path());
        assertEquals("/", get("http://x").path());
        assertEquals("/", get("http://x?q=1").path());
        assertEquals(Map.of("text", "good"), get("http://x/s?text=good").queryParameters());
    }
}
