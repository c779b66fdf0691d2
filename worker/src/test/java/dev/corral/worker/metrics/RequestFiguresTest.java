package dev.corral.worker.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RequestFiguresTest {
    private static final int CLASSES = RequestFigures.CLASSES;

    @Test
    void answersAddUpByMethodStatusClassAndDurationBucketAndADrainStartsAfresh() {
        RequestFigures f = new RequestFigures();
        f.record("GET", 200, 0, 13, TimeUnit.MICROSECONDS.toNanos(300));
        f.record("GET", 204, 0, 0, TimeUnit.MILLISECONDS.toNanos(3));
        f.record("POST", 503, 100, 20, TimeUnit.SECONDS.toNanos(20));
        f.record("BREW", 418, 0, 5, 0);
        RequestFigures.Delta d = f.drain();
        assertEquals(2, d.requests()[0 * CLASSES + 1], "GET 2xx");
        assertEquals(1, d.requests()[2 * CLASSES + 4], "POST 5xx");
        assertEquals(1, d.requests()[(RequestFigures.METHODS.size() - 1) * CLASSES + 3], "other 4xx");
        assertEquals(2, d.buckets()[0], "0 and 0.3 ms are under 1 ms");
        assertEquals(1, d.buckets()[2], "3 ms is under 5 ms");
        assertEquals(1, d.buckets()[RequestFigures.BOUNDS.length], "20 s is over the last bound");
        assertEquals(100, d.bytesIn());
        assertEquals(38, d.bytesOut());
        assertEquals(20_003_300, d.durationMicros());
        assertEquals(0, f.drain().bytesOut(), "drained");
    }

    @Test
    void theControlLineReadsBackAndAMalformedOneIsRefused() {
        RequestFigures f = new RequestFigures();
        f.record("PUT", 201, 7, 9, 1_000_000);
        RequestFigures.Delta d = f.drain();
        String[] fields = ("STATS 1 2 3 4 " + d.text()).split(" ");
        RequestFigures.Delta back = RequestFigures.Delta.parse(fields, 5);
        assertArrayEquals(d.requests(), back.requests());
        assertArrayEquals(d.buckets(), back.buckets());
        assertEquals(d.bytesIn(), back.bytesIn());
        assertEquals(d.durationMicros(), back.durationMicros());
        assertThrows(IllegalArgumentException.class,
                () -> RequestFigures.Delta.parse("STATS 1 2 3 4 1,2 3 4 5 6".split(" "), 5));
    }
}
