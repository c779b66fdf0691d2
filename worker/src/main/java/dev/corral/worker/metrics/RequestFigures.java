package dev.corral.worker.metrics;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What a worker's answers add up to since its last heartbeat: requests by method and status
 * class, their durations in histogram buckets, body bytes in and out. Recorded on the event loop
 * (one answer at a time, with atomic adds and no lock), drained by the heartbeat thread, which
 * sends the deltas to the master ({@link Delta}); a worker that dies loses only what it had not
 * sent yet. Labels are bounded: eight method names and five status classes, no paths.
 */
public final class RequestFigures {
    /** The methods counted by name; any other is {@code other}. */
    public static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS",
            "other");
    /** {@code 1xx} to {@code 5xx}. */
    public static final int CLASSES = 5;
    /** Upper bounds of the duration buckets, in seconds; one more bucket is +Inf. */
    public static final double[] BOUNDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final AtomicLongArray requests = new AtomicLongArray(METHODS.size() * CLASSES);
    private final AtomicLongArray buckets = new AtomicLongArray(BOUNDS.length + 1);
    private final AtomicLong durationMicros = new AtomicLong();
    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicLong bytesOut = new AtomicLong();

    /** One answer. Event loop. */
    public void record(String method, int status, long bodyIn, long bodyOut, long nanos) {
        int m = METHODS.indexOf(method);
        int c = Math.min(Math.max(status / 100, 1), CLASSES) - 1;
        requests.incrementAndGet((m < 0 ? METHODS.size() - 1 : m) * CLASSES + c);
        double seconds = nanos / 1e9;
        int b = 0;
        while (b < BOUNDS.length && seconds > BOUNDS[b]) {
            b++;
        }
        buckets.incrementAndGet(b);
        durationMicros.addAndGet(nanos / 1000);
        bytesIn.addAndGet(bodyIn);
        bytesOut.addAndGet(bodyOut);
    }

    /** Takes what was recorded since the last call. Heartbeat thread. */
    public Delta drain() {
        long[] r = new long[requests.length()];
        for (int i = 0; i < r.length; i++) {
            r[i] = requests.getAndSet(i, 0);
        }
        long[] b = new long[buckets.length()];
        for (int i = 0; i < b.length; i++) {
            b[i] = buckets.getAndSet(i, 0);
        }
        return new Delta(r, b, durationMicros.getAndSet(0), bytesIn.getAndSet(0), bytesOut.getAndSet(0));
    }

    /**
     * The figures one heartbeat carries: deltas since the last one.
     *
     * @param requests by method (in {@link #METHODS} order) then status class
     * @param buckets per duration bucket (not cumulative), the last one +Inf
     */
    public record Delta(long[] requests, long[] buckets, long durationMicros, long bytesIn, long bytesOut) {
        /** As the control line sends it: comma lists, then the sums. */
        public String text() {
            return join(requests) + " " + join(buckets) + " " + durationMicros + " " + bytesIn + " " + bytesOut;
        }

        /** Reads {@link #text}; throws on anything else. */
        public static Delta parse(String[] fields, int from) {
            return new Delta(split(fields[from], METHODS.size() * CLASSES), split(fields[from + 1], BOUNDS.length + 1),
                    Long.parseLong(fields[from + 2]), Long.parseLong(fields[from + 3]), Long.parseLong(fields[from + 4]));
        }

        /** How many fields {@link #text} takes. */
        public static final int FIELDS = 5;

        private static String join(long[] values) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < values.length; i++) {
                b.append(i == 0 ? "" : ",").append(values[i]);
            }
            return b.toString();
        }

        private static long[] split(String text, int n) {
            String[] parts = text.split(",");
            if (parts.length != n) {
                throw new IllegalArgumentException("expected " + n + " values, got " + parts.length);
            }
            long[] out = new long[n];
            for (int i = 0; i < n; i++) {
                out[i] = Long.parseLong(parts[i]);
            }
            return out;
        }
    }
}
