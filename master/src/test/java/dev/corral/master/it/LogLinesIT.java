package dev.corral.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The master's and every worker's log lines and access-log lines share one output (as under
 * systemd or in a terminal): under load and a HUP, none is torn or lands inside another, and
 * the lines of workers that retire are written before they exit.
 */
class LogLinesIT {
    // Long lines, as a real format with a user agent and a referer makes them: a write cut at a
    // buffer's size then falls inside a line.
    private static final String PAD = "p".repeat(1000);
    private static final Pattern ACCESS = Pattern.compile("127\\.0\\.0\\.1 \"GET /(pid)? HTTP/1\\.1\" 200 (-|" + PAD + ")");
    private static final Pattern LOG_START = Pattern.compile(
            "\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d [+-]\\d{4}\\] \\[(DEBUG|INFO|WARN|ERROR)\\] ");
    // What a second line starting inside this one would bring: a log line's time or an access line.
    private static final Pattern ANOTHER_LINE = Pattern.compile("\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:| - - \\[|HTTP/1\\.1\" 200");
    private static final int CLIENTS = 4;
    // Below one worker's access-log queue, so that no line is dropped even if its writer stalls.
    private static final int REQUESTS_PER_CLIENT = 750;

    @RegisterExtension
    final CorralProcesses corral = new CorralProcesses();

    @Test
    void linesStayWholeUnderLoadAndReload() throws Exception {
        Corral c = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "2",
                "--access-logfile", "-", "--access-logformat", "%(h)s \"%(r)s\" %(s)s %({x-pad}i)s",
                "--log-level", "debug");
        int port = c.port();
        c.awaitWorkerCount(2, Duration.ofSeconds(20));
        Corral.await(() -> get(port) == 200, Duration.ofSeconds(20), () -> "GET / never answered");
        AtomicInteger answered = new AtomicInteger(1);
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Thread t = new Thread(() -> load(port, answered), "load-" + i);
            t.start();
            clients.add(t);
        }
        // The reload lands in the middle of the load: old workers retire while lines are queued.
        Corral.await(() -> answered.get() > CLIENTS * REQUESTS_PER_CLIENT / 4, Duration.ofSeconds(30),
                () -> "the load did not get going");
        c.signal("HUP");
        for (Thread t : clients) {
            t.join(Duration.ofSeconds(60).toMillis());
        }
        c.awaitLine("Reloading", Duration.ofSeconds(10));
        c.signal("TERM");
        assertEquals(0, c.awaitExit(Duration.ofSeconds(40)));

        long accessLines = 0;
        for (String line : c.output()) {
            boolean access = ACCESS.matcher(line).matches();
            var start = LOG_START.matcher(line);
            boolean log = start.lookingAt() && !ANOTHER_LINE.matcher(line).region(start.end(), line.length()).find();
            assertTrue(access || log, "a torn or merged line: " + line);
            accessLines += access ? 1 : 0;
        }
        // Every answer the clients got was logged, also by workers that retired on the HUP.
        assertTrue(accessLines >= answered.get(), accessLines + " access lines for " + answered.get() + " answers");
        assertTrue(accessLines <= CLIENTS * REQUESTS_PER_CLIENT + 1L);
    }

    // Keep-alive GETs, reconnecting when a retiring worker closes the connection.
    private static void load(int port, AtomicInteger answered) {
        int sent = 0;
        while (sent < REQUESTS_PER_CLIENT) {
            try (Http h = new Http(port)) {
                while (sent < REQUESTS_PER_CLIENT) {
                    sent++;
                    h.send("GET " + (sent % 2 == 0 ? "/" : "/pid") + " HTTP/1.1\r\nHost: x\r\nX-Pad: " + PAD + "\r\n\r\n");
                    Http.Reply r = h.read();
                    if (r.status() == 200) {
                        answered.incrementAndGet();
                    }
                    if ("close".equalsIgnoreCase(r.header("Connection"))) {
                        break;
                    }
                }
            } catch (IOException e) {
                // A connection cut by a retiring worker: the next one goes to a live worker.
            }
        }
    }

    private static int get(int port) {
        try {
            return Http.get(port, "/").status();
        } catch (IOException e) {
            return -1;
        }
    }
}
