package dev.corral.worker.log;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where log lines go: standard error, or the {@code errorlog} file opened for appending.
 * slf4j-simple looks up {@code System.err} for every line, so swapping it here redirects the
 * log, and reopening after logrotate (USR1) starts a new file without losing a line. Either way
 * each line leaves in one write: the JVM's own {@code System.err} buffers 128 bytes and cuts
 * longer lines into several writes, between which another process sharing the output (the
 * master and every worker write to one stderr) could land a line of its own.
 */
public final class ErrorLog {
    private static final int LINE_BUFFER = 1 << 16;
    private static Path file;
    // The stream installed for a file, closed when replaced; null while logging to stderr.
    private static PrintStream fileStream;

    private ErrorLog() {
    }

    /** Sends the log to {@code errorlog}: {@code -} (or null) for standard error, else a file path. */
    public static synchronized void open(String errorlog) throws IOException {
        file = errorlog == null || errorlog.isBlank() || "-".equals(errorlog.trim()) ? null : Path.of(errorlog.trim());
        if (file == null) {
            install(lineAtATime(new FileOutputStream(FileDescriptor.err)), false);
        } else {
            reopen();
        }
    }

    /** Opens the file again by name, so lines go to the new file after logrotate moved the old one. */
    public static synchronized void reopen() throws IOException {
        if (file != null) {
            install(lineAtATime(new FileOutputStream(file.toFile(), true)), true);
        }
    }

    /**
     * A stream that writes each {@code println} in one write to {@code out}: it buffers a line
     * (up to 64 KiB) and flushes at its end. A pipe keeps only writes of up to 4 KiB in one
     * piece, so a longer line (a huge message) may still be interleaved; every usual one is not.
     */
    static PrintStream lineAtATime(OutputStream out) {
        return new PrintStream(new BufferedOutputStream(out, LINE_BUFFER), true, StandardCharsets.UTF_8);
    }

    private static void install(PrintStream next, boolean toFile) {
        PrintStream previous = fileStream;
        fileStream = toFile ? next : null;
        System.setErr(next);
        if (previous != null) {
            previous.close(); // never standard error itself: that descriptor is the process's
        }
    }
}
