package dev.corral.worker.servlet.request;

import dev.corral.worker.http.parse.Grammar;
import jakarta.servlet.http.Cookie;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cookies both ways, as Tomcat 11's {@code Rfc6265CookieProcessor} does them: the request's
 * {@code Cookie} fields into {@link Cookie}s, and a {@link Cookie} into a {@code Set-Cookie}
 * value. Pure (but for the clock {@link #setCookieHeader(Cookie)} reads); any thread.
 *
 * <p>Both sides deal in header text as the wire has it, one char per octet (ISO-8859-1, which
 * is how the parser reads field values and the encoder writes them), and cookie values in UTF-8
 * octets: browsers store and send the bytes they were given, and UTF-8 is what Tomcat puts in
 * and reads out of them.
 */
public final class Cookies {
    /** Tomcat's date for a cookie to expire now: ten seconds into 1970. */
    static final String ANCIENT = "Thu, 01 Jan 1970 00:00:10 GMT";
    private static final List<String> WRITTEN_ABOVE =
            List.of("Comment", "Domain", "Max-Age", "Path", "Secure", "HttpOnly", "SameSite", "Partitioned");

    private Cookies() {
    }

    /**
     * The cookies of a request's {@code Cookie} field values, in order: RFC 6265
     * {@code name=value; name2=value2}, leniently. A pair that breaks the grammar (a name that is
     * not a token, a value with a space, comma or stray quote inside, junk after the value) is
     * skipped up to the next {@code ;} and the rest still read; a name without {@code =} is a
     * cookie with the value ""; a pair with no name is nothing. A quoted value keeps its quotes,
     * as RFC 6265 (and Tomcat since 10.1) has them part of the value. Names {@code new Cookie}
     * refuses are skipped.
     */
    public static Cookie[] parse(List<String> cookieHeaderValues) {
        List<Cookie> out = new ArrayList<>();
        if (cookieHeaderValues != null) {
            for (String header : cookieHeaderValues) {
                parseOne(header, out);
            }
        }
        return out.toArray(new Cookie[0]);
    }

    private static void parseOne(String s, List<Cookie> out) {
        int end = s.length();
        int i = 0;
        while (i < end) {
            i = skipSpace(s, i, end);
            int nameStart = i;
            while (i < end && !isDelimiter(s.charAt(i))) {
                i++;
            }
            String name = s.substring(nameStart, i);
            i = skipSpace(s, i, end);
            String value = "";
            if (i < end && s.charAt(i) == '=') {
                int valueEnd = valueEnd(s, skipSpace(s, i + 1, end), end);
                if (valueEnd < 0) {
                    i = nextPair(s, i, end);
                    continue;
                }
                value = s.substring(skipSpace(s, i + 1, end), valueEnd);
                i = skipSpace(s, valueEnd, end);
            }
            if (i < end && s.charAt(i) != ';' || !name.isEmpty() && !Grammar.isToken(name)) {
                i = nextPair(s, i, end);
                continue;
            }
            i++;
            if (!name.isEmpty()) {
                add(name, value, out);
            }
        }
    }

    private static void add(String name, String value, List<Cookie> out) {
        try {
            out.add(new Cookie(name, fromOctets(value)));
        } catch (IllegalArgumentException refused) {
            // The Servlet API's own name rules: such a cookie is skipped, as Tomcat skips it.
        }
    }

    /** Where the value starting at {@code i} ends, or -1 if it breaks the grammar. */
    private static int valueEnd(String s, int i, int end) {
        boolean quoted = i < end && s.charAt(i) == '"';
        for (int j = quoted ? i + 1 : i; j < end; j++) {
            char c = s.charAt(j);
            if (c == ';' || c == ' ' || c == '\t') {
                return j;
            }
            if (quoted && c == '"') {
                return j + 1;
            }
            if (!isCookieOctet(c)) {
                return -1;
            }
        }
        // An unterminated quote is kept, as Tomcat keeps it.
        return end;
    }

    private static int nextPair(String s, int i, int end) {
        int semi = s.indexOf(';', i);
        return semi < 0 || semi >= end ? end : semi + 1;
    }

    private static int skipSpace(String s, int i, int end) {
        while (i < end && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static boolean isDelimiter(char c) {
        return c == '=' || c == ';' || c == ' ' || c == '\t';
    }

    /**
     * RFC 6265's cookie-octet, plus octets 0x80 to 0xFF for UTF-8 (Tomcat allows them; HTML5
     * cookies carry them). A char past 0xFF cannot come off the wire; it is taken as text.
     */
    private static boolean isCookieOctet(char c) {
        return c > 0x20 && c != '"' && c != ',' && c != ';' && c != '\\' && c != 0x7f;
    }

    private static String fromOctets(String value) {
        boolean plain = value.chars().allMatch(c -> c < 0x80);
        if (plain) {
            return value;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int k = 0; k < value.length(); k++) {
            char c = value.charAt(k);
            if (c <= 0xff) {
                bytes.write(c);
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** {@link #setCookieHeader(Cookie, long)} at the system clock's now. */
    public static String setCookieHeader(Cookie c) {
        return setCookieHeader(c, System.currentTimeMillis());
    }

    /**
     * The {@code Set-Cookie} field value for {@code c}, in Tomcat 11's form:
     * {@code name=value}, then when the max age is not negative {@code Expires} (now plus the
     * age, or {@value #ANCIENT} for 0) and, for an age above 0, {@code Max-Age} (RFC 6265 has
     * no {@code Max-Age=0}: a zero age is only the past {@code Expires}); then {@code Domain},
     * {@code Path}, {@code Secure}, {@code HttpOnly}, {@code SameSite}, {@code Partitioned}
     * (sent when its attribute is "", as Tomcat does; "true" sends nothing), and the other
     * attributes of {@link Cookie#getAttributes()}, valueless when their value is "". The
     * deprecated {@code Comment} is not sent.
     *
     * @param nowMillis the time {@code Expires} counts from
     * @return the value, one char per octet (a non-ASCII cookie value as its UTF-8 octets)
     * @throws IllegalArgumentException if the value, domain, path or an attribute has a character
     *     that would end the attribute or break the header (control characters, CR, LF,
     *     {@code ;}, and in the value also space, {@code ,}, {@code "} and {@code \} unless the
     *     quotes wrap it)
     */
    public static String setCookieHeader(Cookie c, long nowMillis) {
        StringBuilder h = new StringBuilder(64).append(c.getName()).append('=');
        String value = c.getValue();
        if (value != null && !value.isEmpty()) {
            h.append(toOctets(checkValue(value)));
        }
        int maxAge = c.getMaxAge();
        if (maxAge == 0) {
            h.append("; Expires=").append(ANCIENT);
        } else if (maxAge > 0) {
            h.append("; Expires=").append(HttpDates.format(nowMillis + maxAge * 1000L));
            h.append("; Max-Age=").append(maxAge);
        }
        String domain = c.getDomain();
        if (domain != null && !domain.isEmpty()) {
            h.append("; Domain=").append(checkDomain(domain));
        }
        String path = c.getPath();
        if (path != null && !path.isEmpty()) {
            h.append("; Path=").append(checkAttribute("Path", path));
        }
        if (c.getSecure()) {
            h.append("; Secure");
        }
        if (c.isHttpOnly()) {
            h.append("; HttpOnly");
        }
        String sameSite = c.getAttribute("SameSite");
        if (sameSite != null) {
            h.append("; SameSite=").append(checkAttribute("SameSite", sameSite));
        }
        if ("".equals(c.getAttribute("Partitioned"))) {
            h.append("; Partitioned");
        }
        for (Map.Entry<String, String> a : c.getAttributes().entrySet()) {
            if (!isWrittenAbove(a.getKey())) {
                appendOther(h, a.getKey(), a.getValue());
            }
        }
        return h.toString();
    }

    private static boolean isWrittenAbove(String attribute) {
        for (String known : WRITTEN_ABOVE) {
            if (known.equalsIgnoreCase(attribute)) {
                return true;
            }
        }
        return false;
    }

    private static void appendOther(StringBuilder h, String name, String value) {
        if (!Grammar.isToken(name)) {
            throw new IllegalArgumentException("cookie attribute name \"" + name + "\" is not a token");
        }
        h.append("; ").append(name);
        if (value != null && !value.isEmpty()) {
            h.append('=').append(checkAttribute(name, value));
        }
    }

    private static String checkValue(String value) {
        boolean quoted = value.length() > 1 && value.startsWith("\"") && value.endsWith("\"");
        int from = quoted ? 1 : 0;
        int to = quoted ? value.length() - 1 : value.length();
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (!isCookieOctet(c)) {
                throw new IllegalArgumentException("cookie value has character 0x" + Integer.toHexString(c)
                        + " at " + i + ": control characters, space, '\"', ',', ';' and '\\' are not allowed"
                        + " (encode the value, e.g. in Base64 or %-escapes)");
            }
        }
        return value;
    }

    /** Tomcat's domain rule: labels of letters, digits and '-', not starting or ending in '-'. */
    private static String checkDomain(String domain) {
        char prev = '.';
        for (int i = 0; i < domain.length(); i++) {
            char c = domain.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' && prev != '.' || c == '.' && prev != '.' && prev != '-';
            if (!ok) {
                throw new IllegalArgumentException("cookie domain \"" + domain + "\" is not a host name");
            }
            prev = c;
        }
        if (prev == '.' || prev == '-') {
            throw new IllegalArgumentException("cookie domain \"" + domain + "\" is not a host name");
        }
        return domain;
    }

    /** Printable ASCII without ';', Tomcat's rule for a path and any attribute value. */
    private static String checkAttribute(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e || c == ';') {
                throw new IllegalArgumentException("cookie " + name + " has character 0x"
                        + Integer.toHexString(c) + " at " + i + ": only printable ASCII without ';' is allowed");
            }
        }
        return value;
    }

    private static String toOctets(String value) {
        boolean plain = value.chars().allMatch(c -> c < 0x80);
        return plain ? value : new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
