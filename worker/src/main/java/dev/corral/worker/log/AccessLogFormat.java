package dev.corral.worker.log;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Gunicorn's {@code access_log_format}, compiled once into a list of parts so that a log line
 * costs appends only: {@code %(h)s} atoms, {@code %({name}i)s} request and {@code %({name}o)s}
 * response headers, {@code %%} for a percent sign, everything else literal. Unknown atoms
 * print {@code -}, as in Gunicorn.
 */
public final class AccessLogFormat {
    private static final DateTimeFormatter CLF =
            DateTimeFormatter.ofPattern("'['dd/MMM/yyyy:HH:mm:ss Z']'", Locale.ROOT).withZone(ZoneId.systemDefault());
    private static final String PID = String.valueOf(ProcessHandle.current().pid());

    /** One piece of a line. */
    @FunctionalInterface
    interface Part {
        void append(StringBuilder out, AccessEntry e);
    }

    private final List<Part> parts;

    private AccessLogFormat(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /** Compiles a Gunicorn-style format. */
    public static AccessLogFormat compile(String format) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < format.length()) {
            int close = format.startsWith("%(", i) ? format.indexOf(")s", i + 2) : -1;
            if (close > 0) {
                flush(literal, parts);
                parts.add(atom(format.substring(i + 2, close)));
                i = close + 2;
            } else if (format.startsWith("%%", i)) {
                literal.append('%');
                i += 2;
            } else {
                literal.append(format.charAt(i++));
            }
        }
        flush(literal, parts);
        return new AccessLogFormat(parts);
    }

    /** The log line for one request, without the line break. */
    public String format(AccessEntry e) {
        StringBuilder out = new StringBuilder(128);
        for (Part p : parts) {
            p.append(out, e);
        }
        return out.toString();
    }

    private static void flush(StringBuilder literal, List<Part> parts) {
        if (!literal.isEmpty()) {
            String text = literal.toString();
            parts.add((out, e) -> out.append(text));
            literal.setLength(0);
        }
    }

    private static Part atom(String name) {
        if (name.length() > 3 && name.startsWith("{") && name.indexOf('}') == name.length() - 2) {
            String header = name.substring(1, name.length() - 2);
            return switch (name.charAt(name.length() - 1)) {
                case 'i' -> (out, e) -> out.append(orDash(AccessEntry.find(e.requestHeaders(), header)));
                case 'o' -> (out, e) -> out.append(orDash(AccessEntry.find(e.responseHeaders(), header)));
                default -> (out, e) -> out.append('-');
            };
        }
        return switch (name) {
            case "h" -> (out, e) -> out.append(e.remote());
            case "l" -> (out, e) -> out.append('-');
            case "u" -> (out, e) -> out.append(user(AccessEntry.find(e.requestHeaders(), "Authorization")));
            case "t" -> (out, e) -> out.append(CLF.format(Instant.ofEpochMilli(e.startMillis())));
            case "r" -> (out, e) -> {
                if (e.method() == null) {
                    out.append('-');
                } else {
                    out.append(e.method()).append(' ').append(e.uri()).append(' ').append(e.protocol());
                }
            };
            case "m" -> (out, e) -> out.append(orDash(e.method()));
            case "U" -> (out, e) -> out.append(e.uri() == null ? "-" : path(e.uri()));
            case "q" -> (out, e) -> out.append(e.uri() == null ? "" : query(e.uri()));
            case "H" -> (out, e) -> out.append(orDash(e.protocol()));
            case "s" -> (out, e) -> out.append(e.status());
            case "B" -> (out, e) -> out.append(Math.max(0, e.bodyLength()));
            case "b" -> (out, e) -> out.append(e.bodyLength() < 0 ? "-" : String.valueOf(e.bodyLength()));
            case "f" -> (out, e) -> out.append(orDash(AccessEntry.find(e.requestHeaders(), "Referer")));
            case "a" -> (out, e) -> out.append(orDash(AccessEntry.find(e.requestHeaders(), "User-Agent")));
            case "T" -> (out, e) -> out.append(e.durationNanos() / 1_000_000_000L);
            case "D" -> (out, e) -> out.append(e.durationNanos() / 1_000L);
            case "M" -> (out, e) -> out.append(e.durationNanos() / 1_000_000L);
            case "L" -> (out, e) -> out.append(String.format(Locale.ROOT, "%.6f", e.durationNanos() / 1e9));
            case "p" -> (out, e) -> out.append('<').append(PID).append('>');
            default -> (out, e) -> out.append('-');
        };
    }

    private static String orDash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    private static String path(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    private static String query(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? "" : uri.substring(q + 1);
    }

    // Gunicorn logs the user name of Basic credentials, and "-" for anything else.
    static String user(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return "-";
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? "-" : decoded.substring(0, colon);
        } catch (IllegalArgumentException notBase64) {
            return "-";
        }
    }
}
