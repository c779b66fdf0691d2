package dev.corral.master.metrics;

import dev.corral.master.settings.BindAddress;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;

/**
 * The master's metrics address ({@code metrics_bind}): {@code GET /metrics} in Prometheus's text
 * format, through the Prometheus Java client's own HTTP server, on a thread of its own: a slow
 * scraper never touches the supervision loop nor the application's port.
 */
public final class MetricsServer implements AutoCloseable {
    private final HTTPServer server;

    private MetricsServer(HTTPServer server) {
        this.server = server;
    }

    /** Binds {@code address} and serves what {@code metrics} publishes. */
    public static MetricsServer start(BindAddress.Tcp address, ServiceMetrics metrics, String version)
            throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new CorralCollector(metrics, version));
        return new MetricsServer(HTTPServer.builder().hostname(address.host()).port(address.port())
                .registry(registry).buildAndStart());
    }

    /** The port it listens on (the one asked for, or the one the kernel chose for 0). */
    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
