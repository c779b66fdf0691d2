package dev.corral.worker.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Scores a review as positive, negative or neutral: the demo's CPU-bound work. A lexicon of
 * weighted words (expanded with inflected forms at start-up), with negation ("not good"),
 * intensifiers ("very"), and "but" (what follows it counts more). Every word of four letters or
 * more is compared by character trigrams with every lexicon entry, which catches misspellings
 * ("terible") and tempers known words by their neighbours: that is where the CPU goes, in
 * proportion to the text, as it would in a real scorer.
 * Immutable once built, so one instance serves every handler thread.
 */
public final class SentimentScorer {

    /** A label ({@code positive}, {@code negative}, {@code neutral}) and a score in [-1, 1]. */
    public record Result(String label, double score) {
    }

    private static final Set<String> NEGATORS = Set.of("not", "no", "never", "hardly", "without", "nor");
    private static final Map<String, Double> INTENSIFIERS = Map.of("very", 1.5, "extremely", 1.8,
            "really", 1.3, "so", 1.3, "absolutely", 1.6, "totally", 1.4, "quite", 1.1, "slightly", 0.6);
    private static final double FUZZY_MATCH = 0.55;
    private static final String CLAUSE_END = ",";
    private static final double THRESHOLD = 0.05;

    private final Map<String, Double> lexicon;
    private final List<Entry> entries;

    private record Entry(String word, double weight, long[] trigrams) {
    }

    /** Builds the scorer from the lexicon shipped with Corral, expanded with inflected forms. */
    public SentimentScorer() {
        this.lexicon = expand(loadLexicon());
        List<Entry> list = new ArrayList<>();
        lexicon.forEach((w, v) -> list.add(new Entry(w, v, trigrams(w))));
        list.sort(java.util.Comparator.comparing(Entry::word));
        this.entries = List.copyOf(list);
    }

    // Inflections keep the weight; "un-"/"dis-" forms turn it over ("unreliable" from "reliable").
    private static Map<String, Double> expand(Map<String, Double> base) {
        Map<String, Double> out = new HashMap<>();
        base.forEach((w, v) -> {
            for (String suffix : new String[] {"s", "ed", "ing", "ly", "ness", "er", "est"}) {
                out.putIfAbsent(w + suffix, v * 0.9);
            }
            out.putIfAbsent("un" + w, -v * 0.8);
            out.putIfAbsent("dis" + w, -v * 0.8);
        });
        out.putAll(base);
        return Map.copyOf(out);
    }

    /** Scores the text. */
    public Result score(String text) {
        List<String> tokens = tokens(text);
        double total = 0;
        int negateLeft = 0;
        double intensity = 1;
        double clauseWeight = 1;
        for (String token : tokens) {
            if (token.equals(CLAUSE_END)) {
                // "not good, broke at once": a negation does not reach past its clause.
                negateLeft = 0;
                intensity = 1;
                continue;
            }
            if (NEGATORS.contains(token) || token.endsWith("n't")) {
                negateLeft = 3;
                continue;
            }
            if (token.equals("but") || token.equals("however")) {
                // What follows "but" is what the reviewer means.
                total *= 0.5;
                clauseWeight = 1.5;
                continue;
            }
            Double boost = INTENSIFIERS.get(token);
            if (boost != null) {
                intensity = boost;
                continue;
            }
            double w = weightOf(token) * intensity * clauseWeight;
            total += negateLeft > 0 ? -0.8 * w : w;
            negateLeft = Math.max(0, negateLeft - 1);
            intensity = 1;
        }
        long words = tokens.stream().filter(t -> !t.equals(CLAUSE_END)).count();
        double score = words == 0 ? 0 : Math.tanh(total / Math.sqrt(words));
        String label = score > THRESHOLD ? "positive" : score < -THRESHOLD ? "negative" : "neutral";
        return new Result(label, Math.round(score * 1000) / 1000.0);
    }

    // A known word keeps most of its weight, tempered by the words that look like it; an unknown
    // one takes its neighbourhood's weight (misspellings, unlisted inflections).
    private double weightOf(String token) {
        Double known = lexicon.get(token);
        if (known == null) {
            known = lexicon.get(stem(token));
        }
        double soft = softWeight(token);
        return known == null ? soft : 0.8 * known + 0.2 * soft;
    }

    // A word not in the lexicon takes the similarity-weighted mean of every entry that looks like
    // it (by trigrams): misspellings ("terible") and inflections ("disappointingly") still count.
    private double softWeight(String token) {
        if (token.length() < 4) {
            return 0;
        }
        long[] mine = trigrams(token);
        double weighted = 0;
        double similar = 0;
        for (Entry e : entries) {
            double sim = similarity(mine, e.trigrams);
            if (sim >= FUZZY_MATCH) {
                weighted += sim * e.weight;
                similar += sim;
            }
        }
        return similar == 0 ? 0 : weighted / similar * Math.min(1, similar);
    }

    static String stem(String w) {
        for (String suffix : new String[] {"ingly", "edly", "ing", "ed", "ly", "es", "s"}) {
            if (w.length() > suffix.length() + 2 && w.endsWith(suffix)) {
                return w.substring(0, w.length() - suffix.length());
            }
        }
        return w;
    }

    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetter(c) || (c == '\'' && word.length() > 0)) {
                word.append(c);
                continue;
            }
            if (word.length() > 0) {
                out.add(word.toString());
                word.setLength(0);
            }
            if (",.;:!?".indexOf(c) >= 0) {
                out.add(CLAUSE_END);
            }
        }
        if (word.length() > 0) {
            out.add(word.toString());
        }
        return out;
    }

    // Trigrams of "^word$" packed into sorted longs, so similarity is a merge of two arrays.
    static long[] trigrams(String word) {
        String padded = "^" + word + "$";
        long[] grams = new long[Math.max(0, padded.length() - 2)];
        for (int i = 0; i < grams.length; i++) {
            grams[i] = ((long) padded.charAt(i) << 32) | ((long) padded.charAt(i + 1) << 16) | padded.charAt(i + 2);
        }
        java.util.Arrays.sort(grams);
        return grams;
    }

    // Dice coefficient of two sorted trigram arrays.
    static double similarity(long[] a, long[] b) {
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                common++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return a.length + b.length == 0 ? 0 : 2.0 * common / (a.length + b.length);
    }

    private static Map<String, Double> loadLexicon() {
        Map<String, Double> out = new HashMap<>();
        try (InputStream in = SentimentScorer.class.getResourceAsStream("lexicon.tsv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] parts = line.split("\t");
                    out.put(parts[0], Double.parseDouble(parts[1]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sentiment lexicon", e);
        }
        return Map.copyOf(out);
    }
}
