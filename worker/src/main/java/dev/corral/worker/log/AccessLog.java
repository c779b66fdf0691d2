package dev.corral.worker.log;

import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log ({@code accesslog}: a file path, or {@code -} for standard output). The event
 * loop only formats a line and offers it to a bounded queue: a full queue drops the line and
 * counts it, because a slow disk must never stall serving. One daemon thread writes, buffered,
 * and flushes when the queue runs dry.
 */
public final class AccessLog {
    private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);
    private static final int QUEUE = 8192;

    private final String target;
    private final AccessLogFormat format;
    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean reopenWanted;
    private Writer out;

    private AccessLog(String target, AccessLogFormat format) throws IOException {
        this.target = target;
        this.format = format;
        this.out = open();
        Thread writer = new Thread(this::writeLoop, "corral-accesslog");
        writer.setDaemon(true);
        writer.start();
    }

    /** The access log the settings ask for, or null when {@code accesslog} is unset. */
    public static AccessLog open(String accesslog, String format) throws IOException {
        if (accesslog == null || accesslog.isBlank()) {
            return null;
        }
        return new AccessLog(accesslog.trim(), AccessLogFormat.compile(format));
    }

    /** Formats and queues one line; never blocks. */
    public void log(AccessEntry entry) {
        if (!lines.offer(format.format(entry))) {
            dropped.incrementAndGet();
        }
    }

    /** Lines dropped because the writer could not keep up. */
    public long dropped() {
        return dropped.get();
    }

    /** Opens the file again by name (after logrotate, on USR1); takes effect before the next line. */
    public void reopen() {
        reopenWanted = true;
        lines.offer("");
    }

    private Writer open() throws IOException {
        if ("-".equals(target)) {
            return new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        }
        return new BufferedWriter(new OutputStreamWriter(new FileOutputStream(target, true), StandardCharsets.UTF_8),
                1 << 16);
    }

    private void writeLoop() {
        while (true) {
            try {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line == null || lines.isEmpty()) {
                    write(line);
                    out.flush();
                } else {
                    write(line);
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                LOG.error("Cannot write the access log {}: {}", target, e.getMessage());
            }
        }
    }

    private void write(String line) throws IOException {
        if (reopenWanted) {
            reopenWanted = false;
            out.flush();
            if (!"-".equals(target)) {
                out.close();
            }
            out = open();
        }
        if (line != null && !line.isEmpty()) {
            out.write(line);
            out.write('\n');
        }
    }
}
