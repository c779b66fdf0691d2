package dev.corral.worker.servlet.request;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code Accept-Language} (RFC 9110 §12.5.4) into the locales of {@code getLocales()}. Pure; any
 * thread.
 */
public final class Locales {
    // A language range's tag, then at most a weight: OWS ";" OWS "q=" qvalue (§12.4.2).
    private static final Pattern ENTRY = Pattern.compile(
            "([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*|\\*)(?:[ \\t]*;[ \\t]*[qQ][ \\t]*=[ \\t]*(0(?:\\.\\d{0,3})?|1(?:\\.0{0,3})?))?");

    private Locales() {
    }

    private record Weighted(Locale locale, double q) {
    }

    /**
     * The languages of the {@code Accept-Language} field values, most wanted first: by weight,
     * highest first, in the order sent among equal weights. Skipped: {@code *} (it names no
     * locale), weight 0 (not acceptable), and entries that are not a language range with at most a
     * weight (a bad tag such as {@code en_US}, a weight above 1 or with four decimals, another
     * parameter); the rest of the field is still read.
     *
     * @return the locales, empty when none is named (the bridge then uses the server's default)
     */
    public static List<Locale> parseAcceptLanguage(List<String> headerValues) {
        List<Weighted> all = new ArrayList<>();
        if (headerValues != null) {
            for (String header : headerValues) {
                for (String entry : header.split(",")) {
                    Weighted w = entry(entry.strip());
                    if (w != null) {
                        all.add(w);
                    }
                }
            }
        }
        // List.sort is stable: equal weights keep the order they were sent in.
        all.sort(Comparator.comparingDouble(Weighted::q).reversed());
        List<Locale> out = new ArrayList<>(all.size());
        for (Weighted w : all) {
            out.add(w.locale);
        }
        return out;
    }

    private static Weighted entry(String entry) {
        Matcher m = ENTRY.matcher(entry);
        if (!m.matches() || m.group(1).equals("*")) {
            return null;
        }
        double q = m.group(2) == null ? 1 : Double.parseDouble(m.group(2));
        Locale locale = Locale.forLanguageTag(m.group(1));
        // forLanguageTag gives the empty locale for what BCP 47 cannot read ("x-", "i-bogus").
        return q > 0 && !locale.getLanguage().isEmpty() ? new Weighted(locale, q) : null;
    }
}
