package dev.corral.master.metrics;

import dev.corral.worker.metrics.RequestFigures;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The metrics as StatsD datagrams (Gunicorn's {@code statsd_host}, {@code statsd_prefix},
 * {@code dogstatsd_tags}), once a second: counters as the increase since the last send, gauges as
 * they are, the mean request duration of the second as a timer. UDP, non-blocking, so a StatsD
 * that is down costs nothing but the datagrams. Supervision loop only (called from
 * {@link ServiceMetrics#publish}).
 */
public final class StatsdReporter implements AutoCloseable {
    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    // Under a typical path MTU with room for headers, as StatsD clients keep their packets.
    private static final int MAX_DATAGRAM = 1400;
    private static final String[] STATUS = {"1xx", "2xx", "3xx", "4xx", "5xx"};

    private final DatagramChannel channel;
    private final String prefix;
    private final String tags;
    private final Map<String, Double> sent = new HashMap<>();
    private long lastNanos;

    private StatsdReporter(DatagramChannel channel, String prefix, String tags) {
        this.channel = channel;
        this.prefix = (prefix.isEmpty() ? "" : prefix.endsWith(".") ? prefix : prefix + ".") + "corral.";
        this.tags = tags.isEmpty() ? "" : "|#" + tags;
    }

    /** A reporter sending to {@code host:port}; a name is resolved once, now. */
    public static StatsdReporter to(String host, int port, String prefix, String tags) throws IOException {
        DatagramChannel ch = DatagramChannel.open();
        ch.configureBlocking(false);
        ch.connect(new InetSocketAddress(host, port));
        return new StatsdReporter(ch, prefix, tags);
    }

    /** Sends the figures of {@code scrape} if a second has passed since the last send. */
    void maybeSend(ServiceMetrics.Scrape scrape, long nowNanos) {
        if (lastNanos != 0 && nowNanos - lastNanos < INTERVAL_NANOS) {
            return;
        }
        lastNanos = nowNanos;
        List<String> lines = new ArrayList<>();
        long[] byClass = new long[RequestFigures.CLASSES];
        double requests = 0;
        double micros = 0;
        double in = 0;
        double out = 0;
        for (ServiceMetrics.Scrape.Slot slot : scrape.slots()) {
            WorkerFigures f = slot.figures();
            for (int i = 0; i < f.requests.length; i++) {
                byClass[i % RequestFigures.CLASSES] += f.requests[i];
                requests += f.requests[i];
            }
            micros += f.durationMicros;
            in += f.bytesIn;
            out += f.bytesOut;
        }
        double newRequests = counter(lines, "requests", requests);
        for (int c = 0; c < byClass.length; c++) {
            counter(lines, "request.status." + STATUS[c], byClass[c]);
        }
        double newMicros = increase("request.duration.sum", micros);
        if (newRequests > 0) {
            lines.add(name("request.duration") + ":" + Math.round(newMicros / newRequests / 10.0) / 100.0 + "|ms");
        }
        counter(lines, "bytes.received", in);
        counter(lines, "bytes.sent", out);
        scrape.view().restarts().forEach((cause, n) -> counter(lines, "worker.restarts." + cause, n));
        ServiceView v = scrape.view();
        gauge(lines, "workers", v.wanted());
        gauge(lines, "workers.ready", v.ready());
        long connections = 0;
        long inFlight = 0;
        for (ServiceMetrics.Scrape.Slot slot : scrape.live()) {
            connections += slot.figures().connections;
            inFlight += slot.figures().inFlight;
        }
        gauge(lines, "connections", connections);
        gauge(lines, "requests.in_flight", inFlight);
        gauge(lines, "memory.rss", v.live().stream().mapToLong(ServiceView.Live::rssBytes).sum());
        send(lines);
    }

    private double counter(List<String> lines, String name, double total) {
        double delta = increase(name, total);
        if (delta > 0) {
            lines.add(name(name) + ":" + (long) delta + "|c");
        }
        return delta;
    }

    // The increase since the last send; the first send counts from the master's start.
    private double increase(String name, double total) {
        double before = sent.getOrDefault(name, 0.0);
        sent.put(name, total);
        return Math.max(0, total - before);
    }

    private void gauge(List<String> lines, String name, long value) {
        lines.add(name(name) + ":" + value + "|g");
    }

    private String name(String name) {
        return prefix + name;
    }

    // Several lines to a datagram, as StatsD reads them, none over MAX_DATAGRAM.
    private void send(List<String> lines) {
        StringBuilder packet = new StringBuilder();
        for (String line : lines) {
            String full = line + tags;
            if (packet.length() > 0 && packet.length() + 1 + full.length() > MAX_DATAGRAM) {
                write(packet);
                packet.setLength(0);
            }
            packet.append(packet.length() == 0 ? "" : "\n").append(full);
        }
        if (packet.length() > 0) {
            write(packet);
        }
    }

    private void write(CharSequence packet) {
        try {
            channel.write(ByteBuffer.wrap(packet.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            // Nobody listens (ICMP port unreachable) or the buffer is full: StatsD is best effort.
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
