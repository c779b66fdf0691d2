package dev.corral.worker.servlet.request;

import dev.corral.worker.http.parse.Grammar;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parts of a {@code Content-Type} value (RFC 9110 §8.3.1: {@code type/subtype} and
 * {@code ;name=value} parameters, a value a token or a quoted string) that requests and responses
 * need: the media type, the charset, and the value with another charset. Lenient like Tomcat:
 * the value is split at the {@code ;} outside quotes and nothing else is checked. Pure; any
 * thread.
 */
public final class ContentTypes {
    private ContentTypes() {
    }

    /**
     * The media type without parameters, lower case ({@code text/html} of
     * {@code Text/HTML; charset=UTF-8}), or null for a null or blank value.
     */
    public static String mimeType(String contentType) {
        if (contentType == null) {
            return null;
        }
        String type = segments(contentType).get(0).strip();
        return type.isEmpty() ? null : type.toLowerCase(Locale.ROOT);
    }

    /**
     * The {@code charset} parameter (its name in any case), unquoted and unescaped when quoted, or
     * null when there is none or it is empty. Of two, the last, as Tomcat reads it.
     */
    public static String charset(String contentType) {
        if (contentType == null) {
            return null;
        }
        String charset = null;
        List<String> parts = segments(contentType);
        for (int i = 1; i < parts.size(); i++) {
            String p = parts.get(i);
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).strip().equalsIgnoreCase("charset")) {
                String v = unquote(p.substring(eq + 1).strip());
                charset = v.isEmpty() ? null : v;
            }
        }
        return charset;
    }

    /**
     * {@code contentType} with its {@code charset} parameters replaced by
     * {@code ;charset=<charset>} at the end (Tomcat's form, without a space), the type and the
     * other parameters kept as written; with none when {@code charset} is null.
     *
     * @return null when {@code contentType} is (there is no type to carry a charset)
     * @throws IllegalArgumentException if {@code charset} is not a token: it would break the header
     */
    public static String withCharset(String contentType, String charset) {
        if (contentType == null) {
            return null;
        }
        if (charset != null && !Grammar.isToken(charset)) {
            throw new IllegalArgumentException("charset \"" + charset + "\" is not a token");
        }
        List<String> parts = segments(contentType);
        StringBuilder out = new StringBuilder(contentType.length() + 16).append(parts.get(0).strip());
        for (int i = 1; i < parts.size(); i++) {
            String p = parts.get(i).strip();
            int eq = p.indexOf('=');
            String name = (eq < 0 ? p : p.substring(0, eq)).strip();
            if (!p.isEmpty() && !name.equalsIgnoreCase("charset")) {
                out.append(';').append(p);
            }
        }
        if (charset != null) {
            out.append(";charset=").append(charset);
        }
        return out.toString();
    }

    /** The value split at each {@code ;} outside a quoted string; at least one segment. */
    private static List<String> segments(String s) {
        List<String> out = new ArrayList<>(3);
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        out.add(s.substring(start));
        return out;
    }

    /** A quoted-string's content with its {@code \} escapes undone; other text as it is. */
    private static String unquote(String v) {
        if (!v.startsWith("\"")) {
            return v;
        }
        StringBuilder out = new StringBuilder(v.length());
        for (int i = 1; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"') {
                break;
            }
            if (c == '\\' && i + 1 < v.length()) {
                c = v.charAt(++i);
            }
            out.append(c);
        }
        return out.toString().strip();
    }
}
