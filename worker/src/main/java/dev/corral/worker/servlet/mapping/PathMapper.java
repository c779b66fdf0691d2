package dev.corral.worker.servlet.mapping;

import jakarta.servlet.http.MappingMatch;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Servlet 6.1 chapter 12 request mapping: url-patterns to targets, and a request path to the one
 * target that serves it. The first rule that matches wins: the context root and exact patterns,
 * then the longest path prefix, then the extension of the last segment, then the default
 * {@code "/"}. Matching is case-sensitive, as the spec requires.
 *
 * <p>Pure logic. Built on one thread while the application deploys (the spec allows
 * {@code addServlet} and {@code addMapping} only then) and afterwards only read, from any number
 * of request threads: every {@link #add} must happen-before the first {@link #match}, which
 * publishing the mapper through a final or volatile field ensures. Adding while serving is not
 * supported.
 *
 * @param <T> what a pattern maps to (a servlet, its name, a registration)
 */
public final class PathMapper<T> {
    private final Map<String, T> byPattern = new LinkedHashMap<>();
    private final Map<String, T> exact = new HashMap<>();
    // Keyed by the pattern without its "/*": "/foo" for "/foo/*", "" for "/*".
    private final Map<String, T> prefixes = new HashMap<>();
    // Keyed by the extension without its "*.".
    private final Map<String, T> extensions = new HashMap<>();
    private T contextRoot;
    private T fallback;

    /**
     * Maps {@code urlPattern} to {@code target}.
     *
     * @throws IllegalArgumentException naming the pattern if it is invalid, or already mapped
     *     (the spec makes one pattern mapped to two servlets a deployment failure, spec 12.2)
     */
    public void add(String urlPattern, T target) {
        MappingMatch kind = UrlPatterns.kindOf(urlPattern);
        Objects.requireNonNull(target, "target");
        T existing = byPattern.get(urlPattern);
        if (existing != null) {
            throw new IllegalArgumentException("url-pattern " + UrlPatterns.quote(urlPattern)
                    + " is mapped twice, to " + existing + " and to " + target);
        }
        byPattern.put(urlPattern, target);
        switch (kind) {
            case CONTEXT_ROOT -> contextRoot = target;
            case DEFAULT -> fallback = target;
            case EXACT -> exact.put(urlPattern, target);
            case PATH -> prefixes.put(urlPattern.substring(0, urlPattern.length() - 2), target);
            case EXTENSION -> extensions.put(urlPattern.substring(2), target);
        }
    }

    /**
     * The match for a request path, or null if no pattern matches it (there is no default
     * servlet).
     *
     * @param path the request path relative to the context, decoded and normalised, starting
     *     with '/' ({@code ""} is read as {@code "/"})
     * @throws IllegalArgumentException if the path does not start with '/'
     */
    public Match<T> match(String path) {
        String p = Paths.checked(path);
        if (contextRoot != null && p.equals("/")) {
            // Spec 12.2: the empty pattern maps the context root, with servlet path "" and path info "/".
            return new Match<>(contextRoot, "", "/", MappingMatch.CONTEXT_ROOT, "", "");
        }
        T target = exact.get(p);
        if (target != null) {
            return new Match<>(target, p, null, MappingMatch.EXACT, p.substring(1), p);
        }
        Match<T> byPrefix = longestPrefix(p);
        if (byPrefix != null) {
            return byPrefix;
        }
        String extension = Paths.extension(p);
        target = extension == null ? null : extensions.get(extension);
        if (target != null) {
            String stem = p.substring(1, p.length() - extension.length() - 1);
            return new Match<>(target, p, null, MappingMatch.EXTENSION, stem, "*." + extension);
        }
        if (fallback != null) {
            return new Match<>(fallback, p, null, MappingMatch.DEFAULT, "", "/");
        }
        return null;
    }

    // Spec 12.1 rule 2: step down the path tree a directory at a time, so the first prefix found
    // is the longest. A path has few segments, so this is a handful of hash lookups.
    private Match<T> longestPrefix(String path) {
        if (prefixes.isEmpty()) {
            return null;
        }
        String candidate = path;
        while (true) {
            T target = prefixes.get(candidate);
            if (target != null) {
                String pathInfo = path.length() == candidate.length() ? null : path.substring(candidate.length());
                String matchValue = pathInfo == null ? "" : pathInfo.substring(1);
                return new Match<>(target, candidate, pathInfo, MappingMatch.PATH, matchValue, candidate + "/*");
            }
            if (candidate.isEmpty()) {
                return null;
            }
            candidate = candidate.substring(0, candidate.lastIndexOf('/'));
        }
    }

    /** Whether {@code urlPattern} is already mapped, to anything. */
    public boolean isMapped(String urlPattern) {
        return byPattern.containsKey(urlPattern);
    }

    /**
     * The patterns mapped to {@code target} (compared with {@code equals}), in the order they were
     * added: what {@code ServletRegistration.getMappings()} answers.
     */
    public Collection<String> patterns(T target) {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, T> e : byPattern.entrySet()) {
            if (e.getValue().equals(target)) {
                found.add(e.getKey());
            }
        }
        return Collections.unmodifiableList(found);
    }

    /** Every pattern and its target, in the order they were added; a read-only view. */
    public Map<String, T> mappings() {
        return Collections.unmodifiableMap(byPattern);
    }
}
