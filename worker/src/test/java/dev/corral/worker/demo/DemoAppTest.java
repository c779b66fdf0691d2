package dev.corral.worker.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.worker.app.Request;
import dev.corral.worker.app.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoAppTest {
    private final DemoApp app = new DemoApp(false);

    private Response call(String method, String uri, String body, String... headers) throws Exception {
        List<Map.Entry<String, String>> h = new java.util.ArrayList<>();
        for (int i = 0; i < headers.length; i += 2) {
            h.add(Map.entry(headers[i], headers[i + 1]));
        }
        return app.handle(new Request(method, uri, h, body.getBytes(StandardCharsets.UTF_8), null));
    }

    private static String body(Response r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void helloPidAndEcho() throws Exception {
        assertEquals("Hello, World!", body(call("GET", "/", "")));
        assertEquals(Long.toString(ProcessHandle.current().pid()), body(call("GET", "/pid", "")));
        Response echo = call("POST", "/echo", "some bytes", "Content-Type", "text/x-test");
        assertEquals("some bytes", body(echo));
        assertTrue(echo.headers().contains(Map.entry("Content-Type", "text/x-test")));
    }

    @Test
    void sentimentByQueryBodyAndForm() throws Exception {
        assertTrue(body(call("GET", "/sentiment?text=absolutely+wonderful,+I+loved+it", "")).contains("\"positive\""));
        assertTrue(body(call("POST", "/sentiment", "terrible, broke after a day")).contains("\"negative\""));
        assertTrue(body(call("POST", "/sentiment", "text=awful+support", "Content-Type",
                "application/x-www-form-urlencoded")).contains("\"negative\""));
        assertTrue(body(call("POST", "/sentiment", "not good, broke at once", "Content-Type",
                "application/x-www-form-urlencoded")).contains("\"negative\""), "curl -d with plain text");
        assertEquals(400, call("GET", "/sentiment", "").status());
    }

    @Test
    void sleepChecksItsBounds() throws Exception {
        assertEquals("slept 1 ms", body(call("GET", "/sleep?ms=1", "")));
        assertEquals(400, call("GET", "/sleep?ms=-1", "").status());
        assertEquals(400, call("GET", "/sleep?ms=600001", "").status());
        assertEquals(400, call("GET", "/sleep?ms=abc", "").status());
    }

    @Test
    void crashAndHangAreOffUnlessEnabled() throws Exception {
        assertEquals(404, call("GET", "/crash", "").status());
        assertEquals(404, call("GET", "/hang", "").status());
    }

    @Test
    void unknownPathsAndWrongMethods() throws Exception {
        assertEquals(404, call("GET", "/nope", "").status());
        Response r = call("DELETE", "/", "");
        assertEquals(405, r.status());
        assertTrue(r.headers().stream().anyMatch(h -> h.getKey().equals("Allow")));
        assertEquals(405, call("GET", "/echo", "").status());
    }
}
