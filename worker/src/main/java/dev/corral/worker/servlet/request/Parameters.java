package dev.corral.worker.servlet.request;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Request parameters: {@code application/x-www-form-urlencoded} text (a query string or a form
 * body) into names and values, and the query's and the body's parameters into the one map of
 * {@code getParameterMap()} (Servlet 6.1 §3.1). Pure; any thread.
 *
 * <p>Leniency, chosen so that one bad pair never costs the others: a pair with no name
 * ({@code =x}) or nothing at all ({@code &&}) is skipped; a name or value whose {@code %} escape
 * is malformed ({@code 100%}, {@code %zz}) is kept as it was sent, undecoded; bytes that are not
 * valid in the charset become U+FFFD, as {@link String#String(byte[], Charset)} makes them.
 * Tomcat 11 instead fails the whole request on the last two; the count limit is the one failure.
 */
public final class Parameters {
    /** The default limit on parameters per request, Tomcat's {@code maxParameterCount}. */
    public static final int DEFAULT_MAX_PARAMETERS = 10_000;

    private Parameters() {
    }

    /** {@link #parseUrlEncoded(String, Charset, Map, int)} with the default limit. */
    public static void parseUrlEncoded(String input, Charset cs, Map<String, List<String>> into) {
        parseUrlEncoded(input, cs, into, DEFAULT_MAX_PARAMETERS);
    }

    /**
     * Adds the parameters of {@code input}, a query string (without the {@code ?}), to
     * {@code into}: a new name at the end, the value of a known one after its earlier values.
     * Characters that are not escaped are taken as they are; {@code %XX} escapes are bytes
     * decoded in {@code cs}; {@code +} is a space; a name without {@code =} has the value "".
     *
     * @param into a map that keeps insertion order (a {@link LinkedHashMap}); its lists must be
     *     mutable (this class creates them as {@link ArrayList}s)
     * @param maxParameters how many values {@code into} may hold in all, counting those already
     *     in it, so that parsing a request's query and body into one map caps the request as
     *     Tomcat does; negative for no limit
     * @throws TooManyParametersException on the value past the limit; {@code into} then holds
     *     those before it, and the bridge answers 400 rather than use it
     */
    public static void parseUrlEncoded(String input, Charset cs, Map<String, List<String>> into,
                                       int maxParameters) {
        parse(input, false, cs, into, maxParameters);
    }

    /** {@link #parseUrlEncoded(byte[], Charset, Map, int)} with the default limit. */
    public static void parseUrlEncoded(byte[] input, Charset cs, Map<String, List<String>> into) {
        parseUrlEncoded(input, cs, into, DEFAULT_MAX_PARAMETERS);
    }

    /**
     * As {@link #parseUrlEncoded(String, Charset, Map, int)}, for a form body: here every byte,
     * escaped or not, is decoded in {@code cs}, which must be ASCII-compatible (as every charset
     * a browser submits a form in is) since {@code &}, {@code =}, {@code %} and {@code +} are
     * found as bytes.
     */
    public static void parseUrlEncoded(byte[] input, Charset cs, Map<String, List<String>> into,
                                       int maxParameters) {
        // One octet per char, so the String parser sees the bytes and decodes them in cs.
        parse(new String(input, StandardCharsets.ISO_8859_1), true, cs, into, maxParameters);
    }

    /**
     * The parameter map of {@code sources}, the first's parameters before the second's: each
     * name once, in the order it first appears, with the values of every source after one
     * another. For a request: the query's then the body's (§3.1); for an include or forward with
     * a query: the dispatcher's then the request's (§9.1.1).
     *
     * @return an unmodifiable map keeping that order
     */
    @SafeVarargs
    public static Map<String, String[]> merge(Map<String, ? extends List<String>>... sources) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        for (Map<String, ? extends List<String>> source : sources) {
            source.forEach((name, values) -> all.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
        }
        Map<String, String[]> out = new LinkedHashMap<>();
        all.forEach((name, values) -> out.put(name, values.toArray(new String[0])));
        return Collections.unmodifiableMap(out);
    }

    private static void parse(String input, boolean octets, Charset cs, Map<String, List<String>> into,
                              int maxParameters) {
        int count = 0;
        if (maxParameters >= 0) {
            for (List<String> values : into.values()) {
                count += values.size();
            }
        }
        int end = input.length();
        for (int start = 0; start < end; ) {
            int pairEnd = indexOf(input, '&', start, end);
            int nameEnd = indexOf(input, '=', start, pairEnd);
            if (nameEnd > start) {
                if (maxParameters >= 0 && count >= maxParameters) {
                    throw new TooManyParametersException(maxParameters);
                }
                count++;
                String name = decode(input, start, nameEnd, octets, cs);
                String value = nameEnd == pairEnd ? "" : decode(input, nameEnd + 1, pairEnd, octets, cs);
                into.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
            }
            start = pairEnd + 1;
        }
    }

    /** Where {@code c} first is in {@code s[from, to)}, or {@code to}: never a search past the pair. */
    private static int indexOf(String s, char c, int from, int to) {
        int i = from;
        while (i < to && s.charAt(i) != c) {
            i++;
        }
        return i;
    }

    /** {@code s[from, to)} unescaped; as sent when an escape in it is malformed. */
    private static String decode(String s, int from, int to, boolean octets, Charset cs) {
        if (!needsDecoding(s, from, to, octets)) {
            return s.substring(from, to);
        }
        StringBuilder out = new StringBuilder(to - from);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%') {
                int hi = i + 2 < to ? Character.digit(s.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
                if (lo < 0) {
                    return raw(s, from, to, octets, cs);
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (octets) {
                bytes.write(c == '+' ? ' ' : c);
            } else {
                // The bytes of a run of escapes are one sequence in cs: end it before a literal.
                flush(bytes, cs, out);
                out.append(c == '+' ? ' ' : c);
            }
        }
        flush(bytes, cs, out);
        return out.toString();
    }

    private static boolean needsDecoding(String s, int from, int to, boolean octets) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%' || c == '+' || octets && c > 0x7f) {
                return true;
            }
        }
        return false;
    }

    private static String raw(String s, int from, int to, boolean octets, Charset cs) {
        String text = s.substring(from, to);
        return octets ? new String(text.getBytes(StandardCharsets.ISO_8859_1), cs) : text;
    }

    private static void flush(ByteArrayOutputStream bytes, Charset cs, StringBuilder out) {
        if (bytes.size() > 0) {
            out.append(bytes.toString(cs));
            bytes.reset();
        }
    }
}
