package dev.corral.worker.log;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Where log lines go: standard error, or the {@code errorlog} file opened for appending.
 * slf4j-simple looks up {@code System.err} for every line, so swapping it here redirects the
 * log, and reopening after logrotate (USR1) starts a new file without losing a line.
 */
public final class ErrorLog {
    private static final PrintStream ORIGINAL = System.err;
    private static Path file;

    private ErrorLog() {
    }

    /** Sends the log to {@code errorlog}: {@code -} (or null) for standard error, else a file path. */
    public static synchronized void open(String errorlog) throws IOException {
        file = errorlog == null || errorlog.isBlank() || "-".equals(errorlog.trim()) ? null : Path.of(errorlog.trim());
        reopen();
    }

    /** Opens the file again by name, so lines go to the new file after logrotate moved the old one. */
    public static synchronized void reopen() throws IOException {
        if (file == null) {
            return;
        }
        PrintStream previous = System.err;
        System.setErr(new PrintStream(new FileOutputStream(file.toFile(), true), true));
        if (previous != ORIGINAL) {
            previous.close();
        }
    }
}
