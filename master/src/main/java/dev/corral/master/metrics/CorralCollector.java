package dev.corral.master.metrics;

import dev.corral.worker.metrics.RequestFigures;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Turns the last published {@link ServiceMetrics.Scrape} into Prometheus metric families: per
 * worker slot ({@code worker="0"}, ...: bounded by the worker count, not by pids), and for the
 * service. Sum over {@code worker} for the service's totals. Runs on the metrics server's thread.
 */
final class CorralCollector implements MultiCollector {
    private static final String[] STATUS = {"1xx", "2xx", "3xx", "4xx", "5xx"};

    private final ServiceMetrics metrics;
    private final String version;

    CorralCollector(ServiceMetrics metrics, String version) {
        this.metrics = metrics;
        this.version = version;
    }

    @Override
    public MetricSnapshots collect() {
        ServiceMetrics.Scrape s = metrics.latest();
        List<MetricSnapshot> out = new ArrayList<>();
        out.add(requests(s));
        out.add(durations(s));
        out.add(counter("corral_received_bytes", "Request body bytes received.", s.slots(), f -> f.bytesIn));
        out.add(counter("corral_sent_bytes", "Response body bytes sent.", s.slots(), f -> f.bytesOut));
        out.add(perLiveGauge(s, "corral_connections", "Open client connections.", f -> f.connections));
        out.add(perLiveGauge(s, "corral_requests_in_flight", "Requests in the application now.", f -> f.inFlight));
        out.add(perLiveGauge(s, "corral_worker_heap_used_bytes", "Java heap in use.", f -> f.heapBytes));
        // The worker's own count restarts with each new worker: Prometheus reads the drop as a reset.
        out.add(counter("corral_worker_gc_seconds", "Time the worker's JVM spent collecting garbage.", s.live(),
                f -> f.gcMillis / 1000.0));
        out.add(rss(s));
        out.add(gauge("corral_workers_wanted", "Workers the master keeps running.", s.view().wanted()));
        out.add(gauge("corral_workers_ready", "Workers serving now.", s.view().ready()));
        out.add(restarts(s));
        out.add(gauge("corral_worker_boot_seconds", "Spawn to serving, for the last worker that booted.",
                s.view().lastBootSeconds()));
        out.add(gauge("corral_master_start_time_seconds", "When the master started, in Unix time.",
                s.startMillis() / 1000.0));
        out.add(gauge("corral_master_uptime_seconds", "How long the master has run.",
                (System.currentTimeMillis() - s.startMillis()) / 1000.0));
        out.add(InfoSnapshot.builder().name("corral_build").help("The Corral version that runs.")
                .dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder().labels(Labels.of("version", version)).build())
                .build());
        return new MetricSnapshots(out);
    }

    private static MetricSnapshot requests(ServiceMetrics.Scrape s) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name("corral_requests")
                .help("Requests answered, by method and status class.");
        for (ServiceMetrics.Scrape.Slot slot : s.slots()) {
            for (int m = 0; m < RequestFigures.METHODS.size(); m++) {
                for (int c = 0; c < RequestFigures.CLASSES; c++) {
                    long n = slot.figures().requests[m * RequestFigures.CLASSES + c];
                    if (n > 0) {
                        b.dataPoint(CounterDataPointSnapshot.builder().value(n).labels(Labels.of(
                                "method", RequestFigures.METHODS.get(m), "status", STATUS[c],
                                "worker", Integer.toString(slot.slot()))).build());
                    }
                }
            }
        }
        return b.build();
    }

    private static MetricSnapshot durations(ServiceMetrics.Scrape s) {
        HistogramSnapshot.Builder b = HistogramSnapshot.builder().name("corral_request_duration_seconds")
                .help("From the request's arrival to its answer's last byte handed to the socket.");
        double[] bounds = new double[RequestFigures.BOUNDS.length + 1];
        System.arraycopy(RequestFigures.BOUNDS, 0, bounds, 0, RequestFigures.BOUNDS.length);
        bounds[bounds.length - 1] = Double.POSITIVE_INFINITY;
        for (ServiceMetrics.Scrape.Slot slot : s.slots()) {
            b.dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                    .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, slot.figures().buckets.clone()))
                    .sum(slot.figures().durationMicros / 1e6)
                    .labels(Labels.of("worker", Integer.toString(slot.slot()))).build());
        }
        return b.build();
    }

    private static MetricSnapshot counter(String name, String help, List<ServiceMetrics.Scrape.Slot> slots,
                                          ToDoubleFunction<WorkerFigures> value) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        for (ServiceMetrics.Scrape.Slot slot : slots) {
            b.dataPoint(CounterDataPointSnapshot.builder().value(value.applyAsDouble(slot.figures()))
                    .labels(Labels.of("worker", Integer.toString(slot.slot()))).build());
        }
        return b.build();
    }

    private static MetricSnapshot perLiveGauge(ServiceMetrics.Scrape s, String name, String help,
                                               ToDoubleFunction<WorkerFigures> value) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        for (ServiceMetrics.Scrape.Slot slot : s.live()) {
            b.dataPoint(GaugeDataPointSnapshot.builder().value(value.applyAsDouble(slot.figures()))
                    .labels(Labels.of("worker", Integer.toString(slot.slot()))).build());
        }
        return b.build();
    }

    private static MetricSnapshot rss(ServiceMetrics.Scrape s) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name("corral_worker_resident_memory_bytes")
                .help("The worker process's resident memory (VmRSS).");
        for (ServiceView.Live live : s.view().live()) {
            b.dataPoint(GaugeDataPointSnapshot.builder().value(live.rssBytes())
                    .labels(Labels.of("worker", Integer.toString(live.slot()))).build());
        }
        return b.build();
    }

    private static MetricSnapshot restarts(ServiceMetrics.Scrape s) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name("corral_worker_restarts")
                .help("Workers replaced since the master started, by cause.");
        s.view().restarts().forEach((cause, n) -> b.dataPoint(CounterDataPointSnapshot.builder().value(n)
                .labels(Labels.of("cause", cause)).build()));
        return b.build();
    }

    private static MetricSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeDataPointSnapshot.builder().value(value).build()).build();
    }
}
