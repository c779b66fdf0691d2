package dev.corral.worker.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Log output leaves in whole lines, one write each batch, so processes sharing a pipe never tear one. */
class AccessLogTest {
    /** Records each write call's bytes, as the kernel would see them. */
    private static final class Writes extends OutputStream {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void write(int b) {
            calls.add(String.valueOf((char) b));
        }

        @Override
        public void write(byte[] b, int off, int len) {
            calls.add(new String(b, off, len, StandardCharsets.UTF_8));
        }
    }

    private static AccessEntry entry(String uri) {
        return new AccessEntry("127.0.0.1", "GET", uri, "HTTP/1.1", 200, 2, List.of(), List.of(), 0, 0);
    }

    @Test
    void everyWriteIsWholeLinesWithinPipeBuf() throws Exception {
        Writes writes = new Writes();
        AccessLog log = new AccessLog("test", AccessLogFormat.compile("%(r)s %(s)s"), () -> writes);
        int lines = 5000;
        for (int i = 0; i < lines; i++) {
            log.log(entry("/" + "x".repeat(i % 300) + "/" + i));
            if (i % 1000 == 999) {
                Thread.onSpinWait();
            }
        }
        log.close(5000);
        int written = 0;
        for (String call : writes.calls) {
            assertTrue(call.endsWith("\n"), "a write that ends inside a line: " + call);
            assertTrue(call.getBytes(StandardCharsets.UTF_8).length <= AccessLog.PIPE_BUF, "a write over PIPE_BUF");
            written += call.split("\n").length;
        }
        assertEquals(lines - log.dropped(), written);
    }

    @Test
    void closeWritesWhatWasStillQueued() throws Exception {
        Writes writes = new Writes();
        AccessLog log = new AccessLog("test", AccessLogFormat.compile("%(U)s"), () -> writes);
        for (int i = 0; i < 100; i++) {
            log.log(entry("/" + i));
        }
        log.close(5000);
        String all = String.join("", writes.calls);
        assertTrue(all.endsWith("/99\n"), all);
        assertEquals(100, all.split("\n").length);
    }

    @Test
    void theErrorLogWritesEachLineInOneWrite() {
        Writes writes = new Writes();
        PrintStream err = ErrorLog.lineAtATime(writes);
        String longLine = "[2026-12-02 04:42:22 +0000] [ERROR] " + "y".repeat(300);
        err.println(longLine);
        new IllegalStateException("boom").printStackTrace(err);
        assertEquals(longLine + System.lineSeparator(), writes.calls.get(0));
        writes.calls.forEach(call -> assertTrue(call.endsWith("\n"), "torn: " + call));
    }
}
