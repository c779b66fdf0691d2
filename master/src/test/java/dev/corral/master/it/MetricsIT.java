package dev.corral.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prometheus metrics on metrics_bind, scraped over HTTP as Prometheus would, against what wrk
 * counted, a kill -9 and a HUP; checked by Debian's promtool where it is installed.
 */
class MetricsIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    final CorralProcesses corral = new CorralProcesses();

    @TempDir
    Path tmp;

    @Test
    void countersMatchWhatWrkCountedAndRestartsCountTheirCause() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/wrk")), "wrk is installed");
        Corral c = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "2",
                "--metrics-bind", "127.0.0.1:0");
        int port = c.port();
        int metricsPort = Integer.parseInt(c.awaitLine("Metrics at: http://127.0.0.1:(\\d+)/metrics",
                Duration.ofSeconds(20)).group(1));
        Set<Long> workers = c.awaitWorkerCount(2, Duration.ofSeconds(30));
        ReplaceIT.awaitServing(port);
        Corral.await(() -> sum(scrape(metricsPort), "corral_workers_ready") == 2, Duration.ofSeconds(10),
                () -> "workers_ready never 2");
        // Counted once the last beat after them is in: 250 ms apart, so a second is plenty.
        double before = settled(metricsPort, "corral_requests_total");

        Process wrk = new ProcessBuilder("wrk", "-t1", "-c8", "-d3s", "http://127.0.0.1:" + port + "/")
                .redirectErrorStream(true).start();
        // Scraped during the run, the counters move with it, a heartbeat behind at most.
        Corral.await(() -> sum(scrape(metricsPort), "corral_requests_total") > before + 1000, Duration.ofSeconds(5),
                () -> "the counters did not move during the run");
        assertTrue(wrk.isAlive(), "scraped while wrk was still loading");
        String report = new String(wrk.getInputStream().readAllBytes());
        assertTrue(wrk.waitFor(20, TimeUnit.SECONDS));
        Matcher m = Pattern.compile("(\\d+) requests in").matcher(report);
        assertTrue(m.find(), report);
        long counted = Long.parseLong(m.group(1));
        double served = settled(metricsPort, "corral_requests_total") - before;
        // wrk does not count the answers still on their way when it stops: one per connection at most.
        assertTrue(served >= counted && served <= counted + 8, "served " + served + ", wrk counted " + counted);
        String text = scrape(metricsPort);
        assertEquals(sum(text, "corral_requests_total"), sum(text, "corral_requests_total\\{method=\"GET\",status=\"2xx\""),
                0.5, "wrk sends GET / only");
        assertEquals(sum(text, "corral_requests_total"), sum(text, "corral_request_duration_seconds_count"), 0.5);
        assertTrue(sum(text, "corral_sent_bytes_total") >= 13 * served, text);
        assertTrue(sum(text, "corral_worker_resident_memory_bytes") > 20e6, text);
        promtoolAccepts(text);

        Corral.signal(workers.iterator().next(), "KILL");
        Corral.await(() -> sum(scrape(metricsPort), "corral_worker_restarts_total\\{cause=\"crash\"") == 1,
                Duration.ofSeconds(20), () -> "no crash counted");
        c.awaitWorkerCount(2, Duration.ofSeconds(30));
        double afterKill = sum(scrape(metricsPort), "corral_requests_total");
        assertTrue(afterKill >= served + before, "a dead worker's figures stay counted: " + afterKill);

        c.signal("HUP");
        Corral.await(() -> sum(scrape(metricsPort), "corral_worker_restarts_total\\{cause=\"reload\"") == 2,
                Duration.ofSeconds(30), () -> "the reload's two replacements not counted");
        assertTrue(sum(scrape(metricsPort), "corral_worker_boot_seconds") > 0);
    }

    @Test
    void metricsNeverShareTheApplicationsAddress() throws Exception {
        Corral c = corral.start("-b", "127.0.0.1:18931", "--metrics-bind", "127.0.0.1:18931");
        assertEquals(1, c.awaitExit(Duration.ofSeconds(20)));
        assertEquals(1, c.countLines("metrics_bind: 127.0.0.1:18931 cannot be served: it is one of the bind"),
                c.outputText());
    }

    private static void promtoolAccepts(String text) throws Exception {
        Path promtool = Path.of("/usr/bin/promtool");
        if (!Files.isExecutable(promtool)) {
            return;
        }
        Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        p.getOutputStream().write(text.getBytes());
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "promtool check metrics: " + out);
    }

    // The value once two scrapes half a second apart agree: every worker's last beat is in.
    private static double settled(int port, String series) throws Exception {
        double last = -1;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            double now = sum(scrape(port), series);
            if (now == last) {
                return now;
            }
            last = now;
            Thread.sleep(600);
        }
        throw new AssertionError(series + " never settled");
    }

    private static String scrape(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return "";
        }
    }

    // The sum of every sample whose line starts with the pattern (a name, or a name and labels).
    private static double sum(String text, String prefix) {
        Pattern p = Pattern.compile("^" + prefix + "[^ ]* ([0-9.eE+-]+)$", Pattern.MULTILINE);
        Matcher m = p.matcher(text);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }
}
