package dev.corral.master;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code pidfile}: written at start-up, removed when the master exits. */
final class Pidfile implements AutoCloseable {
    private final Path path;

    private Pidfile(Path path) {
        this.path = path;
    }

    static Pidfile create(Path path, long pid) throws IOException {
        if (path != null) {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(path, pid + "\n");
        }
        return new Pidfile(path);
    }

    @Override
    public void close() {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // On the way out; a stale pidfile names a pid that is gone, which readers check.
            }
        }
    }
}
