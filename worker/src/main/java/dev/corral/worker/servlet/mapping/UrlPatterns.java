package dev.corral.worker.servlet.mapping;

import jakarta.servlet.http.MappingMatch;

/**
 * The url-pattern syntax of Servlet 6.1 chapter 12 ("Specification of Mappings"): which kind a
 * pattern is, whether it is valid, and whether one pattern on its own matches a path (the
 * question a filter mapping asks). Pure logic, no state: safe from any thread.
 *
 * <p>Stricter than Tomcat and Jetty in two places, on purpose, because both patterns deploy
 * there and then never do what their author meant:
 * <ul>
 *   <li>a {@code '*'} anywhere but a trailing {@code "/*"} or a leading {@code "*."} is refused
 *       (Tomcat and Jetty take {@code /foo*} as an exact match of the literal five characters);
 *   <li>an extension with a {@code '.'} in it ({@code *.tar.gz}) is refused: the spec's extension
 *       is what follows the <em>last</em> dot, so Tomcat never matches it, while Jetty matches it
 *       as a suffix; an application cannot rely on either.
 * </ul>
 */
public final class UrlPatterns {
    private UrlPatterns() {
    }

    /**
     * Why {@code pattern} is not a valid url-pattern, or null if it is one. The reason is a phrase
     * meant to follow the quoted pattern in a message.
     */
    public static String validate(String pattern) {
        if (pattern == null) {
            return "is missing";
        }
        for (int i = 0; i < pattern.length(); i++) {
            if (Character.isISOControl(pattern.charAt(i))) {
                // A CR or LF here is a copy-paste accident in a descriptor, never a request path.
                return "contains a control character";
            }
        }
        if (pattern.isEmpty() || pattern.equals("/")) {
            return null;
        }
        if (pattern.startsWith("*.")) {
            String extension = pattern.substring(2);
            if (extension.isEmpty()) {
                return "has an empty extension";
            }
            if (extension.indexOf('/') >= 0) {
                return "is an extension mapping with a '/' in it";
            }
            if (extension.indexOf('*') >= 0) {
                return "has a second '*'";
            }
            if (extension.indexOf('.') >= 0) {
                return "has a '.' in its extension, which is only what follows a path's last '.', so it could never match";
            }
            return null;
        }
        if (!pattern.startsWith("/")) {
            return "must start with '/' or '*.', or be empty for the context root";
        }
        int star = pattern.indexOf('*');
        if (star >= 0 && (star != pattern.length() - 1 || !pattern.endsWith("/*"))) {
            return "has a '*' that is neither a trailing \"/*\" nor a leading \"*.\"";
        }
        return null;
    }

    /** Throws {@link IllegalArgumentException} naming the pattern if it is invalid. */
    public static void requireValid(String pattern) {
        String reason = validate(pattern);
        if (reason != null) {
            throw new IllegalArgumentException("url-pattern " + quote(pattern) + " " + reason);
        }
    }

    /**
     * Which of the five kinds a valid pattern is: {@code ""} CONTEXT_ROOT, {@code "/"} DEFAULT,
     * {@code "/x/*"} PATH, {@code "*.x"} EXTENSION, any other {@code "/x"} EXACT.
     */
    public static MappingMatch kindOf(String pattern) {
        requireValid(pattern);
        if (pattern.isEmpty()) {
            return MappingMatch.CONTEXT_ROOT;
        }
        if (pattern.equals("/")) {
            return MappingMatch.DEFAULT;
        }
        if (pattern.startsWith("*.")) {
            return MappingMatch.EXTENSION;
        }
        return pattern.endsWith("/*") ? MappingMatch.PATH : MappingMatch.EXACT;
    }

    /**
     * Whether {@code pattern}, were it the only mapping, would match {@code path} (a filter
     * mapping's question, spec "Configuration of Filters in a Web Application"). {@code "/*"} and
     * {@code "/"} match every path: the default pattern is what serves a path no other pattern
     * does, so alone it serves all of them (Jetty reads it so; Tomcat matches only {@code "/"}).
     * {@code ""} matches only the context root {@code "/"}.
     *
     * @param path the request path relative to the context, starting with '/' ({@code ""} is read
     *     as {@code "/"})
     * @throws IllegalArgumentException if the pattern is invalid
     */
    public static boolean matches(String pattern, String path) {
        String p = Paths.checked(path);
        return switch (kindOf(pattern)) {
            case CONTEXT_ROOT -> p.equals("/");
            case DEFAULT -> true;
            case EXACT -> p.equals(pattern);
            case PATH -> Paths.underPrefix(p, pattern.substring(0, pattern.length() - 2));
            case EXTENSION -> pattern.substring(2).equals(Paths.extension(p));
        };
    }

    static String quote(String pattern) {
        return pattern == null ? "null" : '"' + pattern + '"';
    }
}
