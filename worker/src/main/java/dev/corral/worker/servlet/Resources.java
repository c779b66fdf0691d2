package dev.corral.worker.servlet;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The application's static resources: the root of an exploded WAR, then {@code META-INF/resources}
 * of its jars, as the spec has it (§10.5). Immutable; any thread.
 */
final class Resources {
    private static final Map<String, String> COMMON_TYPES = Map.ofEntries(
            Map.entry("html", "text/html"), Map.entry("htm", "text/html"), Map.entry("css", "text/css"),
            Map.entry("js", "text/javascript"), Map.entry("mjs", "text/javascript"), Map.entry("json", "application/json"),
            Map.entry("txt", "text/plain"), Map.entry("xml", "application/xml"), Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("ico", "image/x-icon"),
            Map.entry("woff", "font/woff"), Map.entry("woff2", "font/woff2"), Map.entry("wasm", "application/wasm"),
            Map.entry("pdf", "application/pdf"), Map.entry("zip", "application/zip"), Map.entry("map", "application/json"));

    private final Path root;
    private final ClassLoader loader;
    private final Map<String, String> mimeMappings;

    /** @param root the exploded WAR's root, or null */
    Resources(Path root, ClassLoader loader, Map<String, String> mimeMappings) {
        this.root = root == null ? null : root.toAbsolutePath().normalize();
        this.loader = loader;
        this.mimeMappings = mimeMappings;
    }

    URL find(String path) {
        Path file = file(path);
        if (file != null && Files.exists(file)) {
            try {
                return file.toUri().toURL();
            } catch (MalformedURLException e) {
                return null;
            }
        }
        String inJar = jarPath(path);
        return inJar == null ? null : loader.getResource(inJar);
    }

    InputStream open(String path) {
        URL url = find(path);
        if (url == null || (file(path) != null && Files.isDirectory(file(path)))) {
            return null;
        }
        try {
            return url.openStream();
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether {@code path} names a file a client may fetch: never under WEB-INF or META-INF. */
    boolean servable(String path) {
        String upper = path.toUpperCase(Locale.ROOT);
        if (upper.startsWith("/WEB-INF") || upper.startsWith("/META-INF") || path.endsWith("/")) {
            return false;
        }
        Path file = file(path);
        if (file != null && Files.isRegularFile(file)) {
            return true;
        }
        URL url = find(path);
        return url != null && !url.toString().endsWith("/") && !"file".equals(url.getProtocol());
    }

    Set<String> paths(String path) {
        if (path == null || !path.startsWith("/")) {
            return null;
        }
        String dir = path.endsWith("/") ? path : path + "/";
        Path base = file(dir);
        if (base == null || !Files.isDirectory(base)) {
            return null;
        }
        Set<String> out = new TreeSet<>();
        try (Stream<Path> entries = Files.list(base)) {
            entries.forEach(p -> out.add(dir + p.getFileName() + (Files.isDirectory(p) ? "/" : "")));
        } catch (IOException e) {
            return null;
        }
        return out;
    }

    String realPath(String path) {
        if (root == null || path == null) {
            return null;
        }
        Path file = file(path.startsWith("/") ? path : "/" + path);
        return file == null ? null : file.toString();
    }

    String mimeType(String file) {
        if (file == null) {
            return null;
        }
        int dot = file.lastIndexOf('.');
        if (dot >= 0) {
            String ext = file.substring(dot + 1).toLowerCase(Locale.ROOT);
            String mapped = mimeMappings.get(ext);
            if (mapped != null) {
                return mapped;
            }
            mapped = COMMON_TYPES.get(ext);
            if (mapped != null) {
                return mapped;
            }
        }
        return URLConnection.getFileNameMap().getContentTypeFor(file);
    }

    // A path under the root, or null when there is no root or the path would leave it.
    private Path file(String path) {
        if (root == null || path == null || !path.startsWith("/")) {
            return null;
        }
        Path file = root.resolve(path.substring(1)).normalize();
        return file.startsWith(root) ? file : null;
    }

    private static String jarPath(String path) {
        if (path == null || !path.startsWith("/") || path.contains("..")) {
            return null;
        }
        return "META-INF/resources" + path;
    }
}
