package dev.corral.master.settings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Gunicorn's {@code chdir}: the folder the workers run in, and the one relative paths in the
 * settings are read from. A JVM cannot change its own working folder, so the master makes every
 * path setting absolute against it before the values are checked; the workers are started in it.
 * The config file named by {@code -c} is read first, from where Corral was started.
 */
final class Chdir {
    private static final Set<Setting<?>> SINGLE_PATHS = Set.of(Registry.PIDFILE, Registry.ERRORLOG, Registry.ACCESSLOG,
            Registry.CERTFILE, Registry.KEYFILE, Registry.CA_CERTS);

    private Chdir() {
    }

    /** The assignments with their relative paths made absolute against {@code dir}. */
    static List<Assignment> under(Path dir, List<Assignment> assignments) {
        List<Assignment> out = new ArrayList<>();
        for (Assignment a : assignments) {
            out.add(new Assignment(a.setting(), rewrite(dir, a.setting(), a.text()), a.source(), a.where()));
        }
        return out;
    }

    private static String rewrite(Path dir, Setting<?> setting, String text) {
        String t = text.trim();
        if (SINGLE_PATHS.contains(setting)) {
            return t.isEmpty() || t.equals("-") ? text : absolute(dir, t);
        }
        if (setting == Registry.APP_CLASSPATH) {
            return List.of(t.split("[:,]")).stream().filter(p -> !p.isBlank()).map(p -> absolute(dir, p.trim()))
                    .collect(Collectors.joining(":"));
        }
        if (setting == Registry.BIND) {
            return List.of(t.split(",")).stream().map(String::trim)
                    .map(b -> b.startsWith("unix:") ? "unix:" + absolute(dir, b.substring(5)) : b)
                    .collect(Collectors.joining(","));
        }
        return text;
    }

    private static String absolute(Path dir, String path) {
        return Path.of(path).isAbsolute() ? path : dir.resolve(path).normalize().toString();
    }
}
