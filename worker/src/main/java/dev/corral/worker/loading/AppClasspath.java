package dev.corral.worker.loading;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * What {@code app_classpath} names, as class-path entries: jars and folders as given, a folder of
 * jars as {@code dir/*} (as {@code java -cp} has it), and a WAR, packed or exploded, as its
 * {@code WEB-INF/classes} and {@code WEB-INF/lib/*.jar}. A packed WAR is unpacked once, into
 * {@code $java.io.tmpdir/corral-$USER/<name>-<hash of its path, size and time>}, which the master
 * and every worker then share. Pure file work; whichever thread loads the application.
 *
 * @param entries the class-path entries, in order
 * @param warRoot the root of the WAR (its static files and {@code WEB-INF}), or null
 */
public record AppClasspath(List<Path> entries, Path warRoot) {

    /** @throws IllegalArgumentException naming an entry that cannot be used, in one line */
    public static AppClasspath resolve(List<Path> given) {
        List<Path> entries = new ArrayList<>();
        Path warRoot = null;
        for (Path p : given) {
            if (p.getFileName() != null && p.getFileName().toString().equals("*")) {
                entries.addAll(jarsIn(p.getParent() == null ? Path.of(".") : p.getParent()));
            } else if (isPackedWar(p) || Files.isDirectory(p.resolve("WEB-INF"))) {
                if (warRoot != null) {
                    throw new IllegalArgumentException("app_classpath names two WARs: " + warRoot + " and " + p);
                }
                warRoot = isPackedWar(p) ? unpacked(p) : p.toAbsolutePath();
                Path classes = warRoot.resolve("WEB-INF/classes");
                if (Files.isDirectory(classes)) {
                    entries.add(classes);
                }
                Path lib = warRoot.resolve("WEB-INF/lib");
                if (Files.isDirectory(lib)) {
                    entries.addAll(jarsIn(lib));
                }
            } else {
                entries.add(p);
            }
        }
        return new AppClasspath(List.copyOf(entries), warRoot);
    }

    /** The WAR's {@code WEB-INF/web.xml}, or null. */
    public Path webXml() {
        if (warRoot == null) {
            return null;
        }
        Path xml = warRoot.resolve("WEB-INF/web.xml");
        return Files.isRegularFile(xml) ? xml : null;
    }

    private static boolean isPackedWar(Path p) {
        return Files.isRegularFile(p) && p.getFileName().toString().endsWith(".war");
    }

    private static List<Path> jarsIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("app_classpath entry '" + dir + "/*' is not a folder");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("app_classpath folder '" + dir + "' cannot be read: " + e.getMessage(), e);
        }
    }

    private static Path unpacked(Path war) {
        try {
            Path base = Path.of(System.getProperty("java.io.tmpdir"), "corral-" + System.getProperty("user.name"));
            Files.createDirectories(base);
            String id = war.toAbsolutePath() + "|" + Files.size(war) + "|" + Files.getLastModifiedTime(war).toMillis();
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(id.getBytes(StandardCharsets.UTF_8)), 0, 6);
            Path target = base.resolve(war.getFileName() + "-" + hash);
            if (Files.isDirectory(target)) {
                return target;
            }
            Path staging = Files.createTempDirectory(base, war.getFileName() + ".unpacking-");
            try {
                unzip(war, staging);
                try {
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException raced) {
                    // Another process of this Corral unpacked it first: theirs is the same.
                }
            } finally {
                deleteTree(staging);
            }
            return target;
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("app_classpath WAR '" + war + "' cannot be unpacked: " + e.getMessage(), e);
        }
    }

    private static void unzip(Path war, Path into) throws IOException {
        try (InputStream raw = Files.newInputStream(war); ZipInputStream zip = new ZipInputStream(raw)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                Path out = into.resolve(e.getName()).normalize();
                if (!out.startsWith(into)) {
                    throw new IOException("entry '" + e.getName() + "' would land outside the WAR's folder");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(zip, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
