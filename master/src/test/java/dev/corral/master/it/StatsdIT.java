package dev.corral.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** StatsD with Gunicorn's statsd_host, statsd_prefix and dogstatsd_tags, to a UDP port of the test's. */
class StatsdIT {
    @RegisterExtension
    final CorralProcesses corral = new CorralProcesses();

    @Test
    void theCountersAndGaugesArriveWithThePrefixAndTags() throws Exception {
        try (DatagramSocket statsd = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            statsd.setSoTimeout(500);
            Corral c = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "2",
                    "--statsd-host", "127.0.0.1:" + statsd.getLocalPort(), "--statsd-prefix", "shop",
                    "--dogstatsd-tags", "env:test");
            int port = c.port();
            c.awaitWorkerCount(2, Duration.ofSeconds(30));
            ReplaceIT.awaitServing(port);
            for (int i = 0; i < 30; i++) {
                assertEquals(200, ServeIT.get(port, "/").status());
            }
            assertEquals(404, ServeIT.get(port, "/nowhere").status());
            List<String> lines = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < deadline && (count(lines, "shop.corral.requests") < 31
                    || count(lines, "shop.corral.request.status.4xx") < 1 || !lines.contains("shop.corral.workers:2|g|#env:test"))) {
                lines.addAll(receive(statsd));
            }
            assertTrue(count(lines, "shop.corral.requests") >= 31, String.join("\n", lines));
            assertEquals(1, count(lines, "shop.corral.request.status.4xx"), String.join("\n", lines));
            assertTrue(lines.contains("shop.corral.workers:2|g|#env:test"), String.join("\n", lines));
            assertTrue(lines.stream().anyMatch(l -> l.matches("shop\\.corral\\.request\\.duration:[0-9.]+\\|ms\\|#env:test")),
                    String.join("\n", lines));
        }
    }

    private static List<String> receive(DatagramSocket socket) throws Exception {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            socket.receive(p);
        } catch (SocketTimeoutException none) {
            return List.of();
        }
        return List.of(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8).split("\n"));
    }

    // The sum of a counter's increments so far.
    private static long count(List<String> lines, String name) {
        Pattern p = Pattern.compile(Pattern.quote(name) + ":(\\d+)\\|c\\|#env:test");
        long total = 0;
        for (String line : lines) {
            Matcher m = p.matcher(line);
            if (m.matches()) {
                total += Long.parseLong(m.group(1));
            }
        }
        return total;
    }
}
