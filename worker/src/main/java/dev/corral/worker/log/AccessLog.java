package dev.corral.worker.log;

import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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
 * counts it, because a slow disk must never stall serving. One daemon thread writes.
 *
 * <p>Every worker and the master may share one standard output (a pipe to systemd or a
 * terminal), so the writer only ever writes whole lines, batched up to {@link #PIPE_BUF}
 * bytes per write: the kernel keeps writes of that size to a pipe in one piece, where a
 * buffered stream cut at its own buffer size would tear a line across two writes and let
 * another process's line land inside it.
 */
public final class AccessLog {
    /** The most bytes a write to a pipe is guaranteed to land in one piece (Linux's PIPE_BUF). */
    static final int PIPE_BUF = 4096;
    private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);
    private static final int QUEUE = 8192;
    // Markers in the queue of lines, told apart by identity: no formatted line is either object.
    private static final String REOPEN = new String("reopen");
    private static final String CLOSE = new String("close");

    /** Opens the log's destination; called again on reopen. */
    interface Destination {
        OutputStream open() throws IOException;
    }

    private final String target;
    private final AccessLogFormat format;
    private final Destination destination;
    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private final ByteArrayOutputStream batch = new ByteArrayOutputStream(PIPE_BUF);
    private final Thread writer;
    private OutputStream out;

    AccessLog(String target, AccessLogFormat format, Destination destination) throws IOException {
        this.target = target;
        this.format = format;
        this.destination = destination;
        this.out = destination.open();
        this.writer = new Thread(this::writeLoop, "corral-accesslog");
        writer.setDaemon(true);
        writer.start();
    }

    /** The access log the settings ask for, or null when {@code accesslog} is unset. */
    public static AccessLog open(String accesslog, String format) throws IOException {
        if (accesslog == null || accesslog.isBlank()) {
            return null;
        }
        String target = accesslog.trim();
        return new AccessLog(target, AccessLogFormat.compile(format), "-".equals(target)
                ? () -> new FileOutputStream(FileDescriptor.out)
                : () -> new FileOutputStream(target, true));
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
        lines.offer(REOPEN);
    }

    /**
     * Writes every line queued so far and stops the writer, waiting up to {@code timeoutMillis}:
     * for a worker about to exit, whose last answers' lines must not be lost.
     */
    public void close(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        if (lines.offer(CLOSE, timeoutMillis, TimeUnit.MILLISECONDS)) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            writer.join(Math.max(1, left));
        }
    }

    private void writeLoop() {
        while (true) {
            try {
                String line = lines.take();
                if (line == CLOSE) {
                    flushBatch();
                    return;
                }
                if (line == REOPEN) {
                    flushBatch();
                    reopenNow();
                } else {
                    append(line);
                }
                if (lines.isEmpty()) {
                    flushBatch();
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                batch.reset();
                LOG.error("Cannot write the access log {}: {}", target, e.getMessage());
            }
        }
    }

    private void append(String line) throws IOException {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        if (batch.size() + bytes.length > PIPE_BUF) {
            flushBatch();
        }
        if (bytes.length >= PIPE_BUF) {
            out.write(bytes); // a line this long cannot be kept whole in a pipe anyway: alone, at least
        } else {
            batch.write(bytes);
        }
    }

    // One write(2) of whole lines.
    private void flushBatch() throws IOException {
        if (batch.size() > 0) {
            batch.writeTo(out);
            batch.reset();
        }
    }

    private void reopenNow() throws IOException {
        if (!"-".equals(target)) {
            out.close();
        }
        out = destination.open();
    }
}
