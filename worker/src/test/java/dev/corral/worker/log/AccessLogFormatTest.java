package dev.corral.worker.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.worker.control.TestSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessLogFormatTest {
    private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8));
    private static final AccessEntry ENTRY = new AccessEntry("10.0.0.7", "GET", "/p/a?x=1&y=2", "HTTP/1.1", 200, 1234,
            List.of(Map.entry("Referer", "http://r/"), Map.entry("User-Agent", "curl/8"), Map.entry("Authorization", AUTH),
                    Map.entry("X-Id", "abc")),
            List.of(Map.entry("Content-Type", "text/plain")), 971_186_136_000L, 2_345_678_000L);

    @Test
    void gunicornsDefaultFormat() {
        String line = AccessLogFormat.compile(TestSettings.defaults().accessLogFormat()).format(ENTRY);
        assertTrue(line.matches("10\\.0\\.0\\.7 - alice \\[10/Oct/2000:\\d\\d:\\d\\d:36 [+-]\\d{4}] "
                + "\"GET /p/a\\?x=1&y=2 HTTP/1\\.1\" 200 1234 \"http://r/\" \"curl/8\""), line);
    }

    @Test
    void everyAtom() {
        AccessLogFormat f = AccessLogFormat.compile("%(m)s|%(U)s|%(q)s|%(H)s|%(s)s|%(B)s|%(b)s|%(T)s|%(D)s|%(M)s|%(L)s"
                + "|%({x-id}i)s|%({content-type}o)s|%({missing}i)s|%(l)s|%(zz)s|100%%");
        assertEquals("GET|/p/a|x=1&y=2|HTTP/1.1|200|1234|1234|2|2345678|2345|2.345678|abc|text/plain|-|-|-|100%",
                f.format(ENTRY));
        assertTrue(AccessLogFormat.compile("%(p)s").format(ENTRY).matches("<\\d+>"));
    }

    @Test
    void unknownBodyLengthAndMissingUser() {
        AccessEntry stream = new AccessEntry("::1", "GET", "/", "HTTP/1.0", 200, -1, List.of(), List.of(), 0, 0);
        assertEquals("- 0 - - - -", AccessLogFormat.compile("%(b)s %(B)s %(u)s %(f)s %(a)s %(q)s-").format(stream)
                .replace("  ", " "));
        assertEquals("-", AccessLogFormat.user("Bearer xyz"));
        assertEquals("-", AccessLogFormat.user("Basic !!!"));
    }

    @Test
    void linesReachTheFileAndReopenStartsANewOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("access.log");
        AccessLog log = AccessLog.open(file.toString(), "%(h)s %(s)s");
        log.log(ENTRY);
        awaitContent(file, "10.0.0.7 200\n");
        Path rotated = dir.resolve("access.log.1");
        Files.move(file, rotated);
        log.reopen();
        log.log(ENTRY);
        awaitContent(file, "10.0.0.7 200\n");
        assertEquals("10.0.0.7 200\n", Files.readString(rotated));
    }

    private static void awaitContent(Path file, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (Files.readString(file).equals(expected)) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // the file appears when the writer reopens it
            }
            Thread.sleep(10);
        }
        throw new AssertionError("access log never contained " + expected);
    }
}
