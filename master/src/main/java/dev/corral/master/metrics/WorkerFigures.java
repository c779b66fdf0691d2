package dev.corral.master.metrics;

import dev.corral.worker.metrics.RequestFigures;

/**
 * What the workers of one slot have reported, added up across the slot's successive workers (so
 * the counters only grow, whichever worker dies), and the gauges its current worker reported
 * last. Supervision loop only; the scrape reads a {@link #copy}.
 */
final class WorkerFigures {
    final long[] requests = new long[RequestFigures.METHODS.size() * RequestFigures.CLASSES];
    final long[] buckets = new long[RequestFigures.BOUNDS.length + 1];
    long durationMicros;
    long bytesIn;
    long bytesOut;
    long connections;
    long inFlight;
    long heapBytes;
    long gcMillis;

    void add(long connections, long inFlight, long heapBytes, long gcMillis, RequestFigures.Delta d) {
        for (int i = 0; i < requests.length; i++) {
            requests[i] += d.requests()[i];
        }
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] += d.buckets()[i];
        }
        durationMicros += d.durationMicros();
        bytesIn += d.bytesIn();
        bytesOut += d.bytesOut();
        this.connections = connections;
        this.inFlight = inFlight;
        this.heapBytes = heapBytes;
        this.gcMillis = gcMillis;
    }

    WorkerFigures copy() {
        WorkerFigures c = new WorkerFigures();
        System.arraycopy(requests, 0, c.requests, 0, requests.length);
        System.arraycopy(buckets, 0, c.buckets, 0, buckets.length);
        c.durationMicros = durationMicros;
        c.bytesIn = bytesIn;
        c.bytesOut = bytesOut;
        c.connections = connections;
        c.inFlight = inFlight;
        c.heapBytes = heapBytes;
        c.gcMillis = gcMillis;
        return c;
    }
}
