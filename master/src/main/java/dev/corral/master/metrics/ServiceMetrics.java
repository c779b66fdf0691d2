package dev.corral.master.metrics;

import dev.corral.worker.metrics.RequestFigures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The master's side of the metrics: it adds up each worker's {@code STATS} lines by slot and, once
 * a pass, publishes an immutable {@link Scrape} that the metrics server's thread reads, so that a
 * scrape never waits on the supervision loop nor the loop on a scrape. Supervision loop only,
 * but for {@link #latest}.
 */
public final class ServiceMetrics {
    private final Map<Integer, WorkerFigures> bySlot = new TreeMap<>();
    // Null without statsd_host.
    private final StatsdReporter statsd;
    private final long startMillis = System.currentTimeMillis();
    private volatile Scrape latest = new Scrape(new ServiceView(0, 0, Map.of(), 0, List.of()), List.of(),
            System.currentTimeMillis());

    /** @param statsd where the figures also go as StatsD datagrams; null for nowhere */
    public ServiceMetrics(StatsdReporter statsd) {
        this.statsd = statsd;
    }

    /** Adds one worker's {@code STATS}: its gauges now and its answers since the last. */
    public void stats(int slot, long connections, long inFlight, long heapBytes, long gcMillis,
                      RequestFigures.Delta delta) {
        bySlot.computeIfAbsent(slot, s -> new WorkerFigures()).add(connections, inFlight, heapBytes, gcMillis, delta);
    }

    /** Makes {@code view} and the figures so far what the next scrape shows. */
    public void publish(ServiceView view) {
        List<Scrape.Slot> slots = new ArrayList<>();
        bySlot.forEach((slot, f) -> slots.add(new Scrape.Slot(slot, f.copy())));
        latest = new Scrape(view, slots, startMillis);
        if (statsd != null) {
            statsd.maybeSend(latest, System.nanoTime());
        }
    }

    /** What the last pass published; any thread. */
    Scrape latest() {
        return latest;
    }

    /** What one scrape shows: immutable once published. */
    record Scrape(ServiceView view, List<Slot> slots, long startMillis) {
        record Slot(int slot, WorkerFigures figures) {
        }

        /** The slots whose figures come from a worker serving now: a dead worker's gauges are gone. */
        List<Slot> live() {
            List<Slot> out = new ArrayList<>();
            for (Slot slot : slots) {
                if (view.live().stream().anyMatch(l -> l.slot() == slot.slot())) {
                    out.add(slot);
                }
            }
            return out;
        }
    }
}
