package dev.corral.master.settings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Value readers for settings; each throws with a message that says what is allowed. */
final class Parsers {
    private Parsers() {
    }

    static Function<String, Integer> integer(int min, int max) {
        String allowed = max == Integer.MAX_VALUE
                ? "must be an integer of at least " + min
                : "must be an integer from " + min + " to " + max;
        return text -> {
            try {
                int v = Integer.parseInt(text.trim());
                if (v >= min && v <= max) {
                    return v;
                }
            } catch (NumberFormatException ignored) {
                // Falls through to the message that says what is allowed.
            }
            throw new IllegalArgumentException(allowed);
        };
    }

    /**
     * An octal mode mask. A leading 0 (or 0o) is required: Gunicorn reads a bare {@code 22} as
     * decimal 22 (octal 026), so a value without it is refused rather than read either way.
     */
    static Integer umask(String text) {
        String v = text.trim().toLowerCase(Locale.ROOT);
        String digits = v.startsWith("0o") ? v.substring(2) : v.startsWith("0") ? v : "";
        if (digits.matches("[0-7]{1,4}")) {
            int mask = Integer.parseInt(digits, 8);
            if (mask <= 0777) {
                return mask;
            }
        }
        throw new IllegalArgumentException("must be an octal value from 0 to 0777, with a leading 0: 007, 0o007, 0");
    }

    /** {@code 0}, {@code 007}, {@code 022}, {@code 0777}: what {@link #umask} reads back. */
    static String octal(int mask) {
        String digits = String.format("%03o", mask);
        return mask == 0 ? "0" : digits.startsWith("0") ? digits : "0" + digits;
    }

    static Boolean bool(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    /** Whether {@link #bool} reads it: after a boolean flag, such a word was meant as its value. */
    static boolean isBool(String text) {
        try {
            bool(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static Function<String, String> choice(String... values) {
        return text -> {
            String v = text.trim().toLowerCase(Locale.ROOT);
            if (Arrays.asList(values).contains(v)) {
                return v;
            }
            throw new IllegalArgumentException("must be one of " + String.join(", ", values));
        };
    }

    static String className(String text) {
        String v = text.trim();
        if (v.isEmpty()) {
            return null;
        }
        if (!v.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*")) {
            throw new IllegalArgumentException("must be a Java class name such as com.example.MyApp");
        }
        return v;
    }

    /** Gunicorn's http_protocols: h1 and h2, each once, in the order of preference. */
    static String httpProtocols(String text) {
        List<String> out = new ArrayList<>();
        for (String raw : text.split(",")) {
            String p = raw.trim().toLowerCase(Locale.ROOT);
            if (p.equals("h3")) {
                throw new IllegalArgumentException("h3 (HTTP/3) is not supported: use h1 and h2");
            }
            if (!p.equals("h1") && !p.equals("h2")) {
                throw new IllegalArgumentException("must be h1 and h2 separated by commas");
            }
            if (out.contains(p)) {
                throw new IllegalArgumentException("names " + p + " twice");
            }
            out.add(p);
        }
        return String.join(",", out);
    }

    /** Gunicorn's http2_cleartext, but for its Upgrade: h2c, which Corral does not serve. */
    static String http2Cleartext(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "off" -> "off";
            case "prior-knowledge" -> "prior-knowledge";
            case "upgrade", "both" -> throw new IllegalArgumentException(
                    "must be off or prior-knowledge (Upgrade: h2c is not supported; clients and proxies that speak h2c use prior knowledge)");
            default -> throw new IllegalArgumentException("must be off or prior-knowledge");
        };
    }

    /** A TCP address of the master's own (metrics_bind); empty for none. */
    static BindAddress metricsAddress(String text) {
        if (text.isBlank()) {
            return null;
        }
        BindAddress a = BindAddress.parse(text);
        if (!(a instanceof BindAddress.Tcp)) {
            throw new IllegalArgumentException("must be a TCP address such as 127.0.0.1:9100");
        }
        return a;
    }

    /** Gunicorn's statsd_host: HOST:PORT, or a host alone for StatsD's port 8125; empty for none. */
    static BindAddress statsdAddress(String text) {
        String v = text.trim();
        if (v.isEmpty()) {
            return null;
        }
        if (v.startsWith("unix:")) {
            throw new IllegalArgumentException("must be HOST:PORT (UDP); a Unix socket is not supported");
        }
        boolean hasPort = v.startsWith("[") ? v.contains("]:") : v.indexOf(':') > 0 && v.indexOf(':') == v.lastIndexOf(':');
        BindAddress a = BindAddress.parse(hasPort ? v : (v.contains(":") && !v.startsWith("[") ? "[" + v + "]" : v) + ":8125");
        if (!(a instanceof BindAddress.Tcp)) {
            throw new IllegalArgumentException("must be HOST:PORT");
        }
        return a;
    }

    /** Gunicorn's cert_reqs, by name or by its ssl module's number. */
    static String certReqs(String text) {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "none", "0" -> "none";
            case "optional", "1" -> "optional";
            case "required", "2" -> "required";
            default -> throw new IllegalArgumentException("must be none, optional or required");
        };
    }

    static String optionalText(String text) {
        String v = text.trim();
        return v.isEmpty() ? null : v;
    }

    /** A readable file, as given; empty for none. */
    static String existingFile(String text) {
        String v = text.trim();
        if (v.isEmpty()) {
            return null;
        }
        Path file = Path.of(v);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("no such readable file");
        }
        return v;
    }

    /** An existing folder, made absolute; empty for none. */
    static Path existingFolder(String text) {
        String v = text.trim();
        if (v.isEmpty()) {
            return null;
        }
        Path dir = Path.of(v).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no such folder");
        }
        return dir;
    }

    static Path optionalPath(String text) {
        String v = text.trim();
        return v.isEmpty() ? null : Path.of(v);
    }

    /** A user or group name as login(1) allows, or a numeric id; empty for none. */
    static String account(String text) {
        String v = text.trim();
        if (v.isEmpty()) {
            return null;
        }
        if (!v.matches("[0-9]+|[a-z_][a-z0-9_.-]*\\$?")) {
            throw new IllegalArgumentException("must be a name such as www-data or a number");
        }
        return v;
    }

    static String text(String text) {
        return text.trim();
    }

    /** {@code -} for a standard stream, or a file whose folder exists: checked before any worker needs it. */
    static String logTarget(String text) {
        String v = text.trim();
        if (v.isEmpty() || v.equals("-")) {
            return v;
        }
        Path parent = Path.of(v).toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
            throw new IllegalArgumentException("its folder '" + parent + "' does not exist or is not writable");
        }
        if (Files.isDirectory(Path.of(v))) {
            throw new IllegalArgumentException("it is a folder: use a file path, or -");
        }
        return v;
    }

    static List<Path> existingPaths(String text) {
        List<Path> out = new ArrayList<>();
        for (String part : text.split("[:,]")) {
            if (part.isBlank()) {
                continue;
            }
            Path p = Path.of(part.trim());
            boolean folderOfJars = p.getFileName() != null && p.getFileName().toString().equals("*");
            Path mustExist = folderOfJars ? (p.getParent() == null ? Path.of(".") : p.getParent()) : p;
            if (!Files.exists(mustExist) || folderOfJars && !Files.isDirectory(mustExist)) {
                throw new IllegalArgumentException("'" + mustExist + "' does not exist: use jars, folders, folder/* for"
                        + " the jars in a folder, or a WAR, separated by : or ,");
            }
            out.add(p);
        }
        return List.copyOf(out);
    }

    /** One {@code name=value} init parameter; the value may hold anything, commas too. */
    static List<String> initParam(String text) {
        if (text.isBlank()) {
            return List.of();
        }
        int eq = text.indexOf('=');
        if (eq <= 0 || text.substring(0, eq).isBlank()) {
            throw new IllegalArgumentException("use name=value");
        }
        return List.of(text.substring(0, eq).trim() + "=" + text.substring(eq + 1).trim());
    }

    /** Init parameters as the worker reads them: each {@code name=value} URL-encoded, joined by {@code &}. */
    static String formEncoded(List<String> params) {
        List<String> out = new ArrayList<>();
        for (String p : params) {
            int eq = p.indexOf('=');
            out.add(java.net.URLEncoder.encode(p.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8) + "="
                    + java.net.URLEncoder.encode(p.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        return String.join("&", out);
    }

    static List<String> jvmOptions(String text) {
        List<String> out = new ArrayList<>();
        for (String o : text.trim().split("\\s+")) {
            if (o.isEmpty()) {
                continue;
            }
            if (!o.startsWith("-")) {
                throw new IllegalArgumentException("'" + o + "' is not a JVM option: each must start with -");
            }
            out.add(o);
        }
        return List.copyOf(out);
    }

    static List<BindAddress> bindList(String text) {
        List<BindAddress> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                out.add(BindAddress.parse(part));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("use " + BindAddress.FORMS);
        }
        return List.copyOf(out);
    }

    static String ipList(String text) {
        String v = text.trim();
        if (v.equals("*")) {
            return v;
        }
        for (String ip : v.split(",")) {
            String one = ip.trim();
            if (!BindAddress.isIpLiteral(one)) {
                throw new IllegalArgumentException("'" + one + "' is not an IP address: use IPs separated by commas, or *");
            }
        }
        return v;
    }

    static <T> String joined(List<T> values, String separator) {
        return String.join(separator, values.stream().map(Object::toString).toList());
    }
}
