package dev.corral.worker.servlet;

import dev.corral.worker.servlet.mapping.Match;
import jakarta.servlet.http.MappingMatch;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * From a request path to the servlet that serves it: the path decoded and made canonical, the
 * welcome files for a directory, then the spec's mapping rules (§12). Pure logic over the
 * application's (by then fixed) mappings; any thread.
 */
final class Routes {
    private Routes() {
    }

    /**
     * The decoded path of a request URI, or null when it is not one a servlet may see: an encoded
     * {@code /}, {@code \} or NUL, bad escapes, or dot segments that climb above the root.
     * Path parameters ({@code ;jsessionid=...}) are dropped from each segment.
     */
    static String canonical(String uri) {
        if (uri.isEmpty() || uri.charAt(0) != '/') {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(uri.length());
        boolean inParams = false;
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '/') {
                inParams = false;
            } else if (c == ';') {
                inParams = true;
            }
            if (inParams) {
                continue;
            }
            if (c == '%') {
                if (i + 2 >= uri.length()) {
                    return null;
                }
                int hi = Character.digit(uri.charAt(i + 1), 16);
                int lo = Character.digit(uri.charAt(i + 2), 16);
                int b = hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
                if (b < 0 || b == '/' || b == '\\' || b == 0) {
                    return null;
                }
                bytes.write(b);
                i += 2;
            } else if (c == '\\') {
                return null;
            } else {
                bytes.write(c);
            }
        }
        return normalize(bytes.toString(StandardCharsets.UTF_8));
    }

    private static String normalize(String path) {
        String[] segments = path.split("/", -1);
        StringBuilder out = new StringBuilder();
        java.util.ArrayDeque<String> kept = new java.util.ArrayDeque<>();
        for (int i = 1; i < segments.length; i++) {
            String s = segments[i];
            boolean last = i == segments.length - 1;
            if (s.equals(".")) {
                if (last) {
                    kept.addLast("");
                }
            } else if (s.equals("..")) {
                if (kept.isEmpty()) {
                    return null;
                }
                kept.removeLast();
                if (last) {
                    kept.addLast("");
                }
            } else if (!s.isEmpty() || last) {
                kept.addLast(s);
            }
        }
        for (String s : kept) {
            out.append('/').append(s);
        }
        return out.length() == 0 ? "/" : out.toString();
    }

    /** The servlet for {@code path}: a welcome file for a directory, else the mapping's choice. */
    static Match<ServletHolder> resolve(WebApp app, String path) {
        if (path.endsWith("/")) {
            for (String welcome : app.welcomeFiles()) {
                String candidate = path + welcome;
                Match<ServletHolder> m = app.mapper().match(candidate);
                if (app.resources().servable(candidate)
                        || (m != null && (m.matchType() == MappingMatch.EXACT || m.matchType() == MappingMatch.EXTENSION))) {
                    return m;
                }
            }
        }
        return app.mapper().match(path);
    }
}
