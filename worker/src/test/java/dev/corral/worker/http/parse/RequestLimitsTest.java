package dev.corral.worker.http.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.corral.worker.control.TestSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestLimitsTest {
    @Test
    void zeroMeansUnlimitedButCapped() {
        RequestLimits l = RequestLimits.of(TestSettings.settings(Map.of("limit_request_line", "0",
                "limit_request_fields", "0", "limit_request_field_size", "0", "limit_request_body", "0",
                "header_timeout", "0", "body_timeout", "0")));
        assertEquals(RequestLimits.MAX_REQUEST_LINE, l.requestLine());
        assertEquals(RequestLimits.MAX_FIELDS, l.fields());
        assertEquals(RequestLimits.MAX_FIELD_SIZE, l.fieldSize());
        assertEquals(0, l.body());
        assertEquals(0, l.headerNanos());
        assertEquals(0, l.bodyNanos());
    }

    @Test
    void defaultsAreGunicorns() {
        RequestLimits l = RequestLimits.of(TestSettings.defaults());
        assertEquals(4094, l.requestLine());
        assertEquals(100, l.fields());
        assertEquals(8190, l.fieldSize());
        assertEquals(10_485_760, l.body());
        assertEquals(10_000_000_000L, l.headerNanos());
        assertEquals(30_000_000_000L, l.bodyNanos());
    }
}
