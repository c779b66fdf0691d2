package dev.corral.worker.servlet.mapping;

/**
 * The three questions the mapping rules ask of a request path: is it one, is it under a path
 * prefix, and what is its extension. Pure logic, safe from any thread.
 */
final class Paths {
    private Paths() {
    }

    /**
     * The path to map: {@code ""} (a request for the bare context root) becomes {@code "/"};
     * anything not starting with '/' is the caller's mistake, such as {@code OPTIONS *}, which
     * names no resource to map.
     */
    static String checked(String path) {
        if (path == null) {
            throw new IllegalArgumentException("no path to map");
        }
        if (path.isEmpty()) {
            return "/";
        }
        if (path.charAt(0) != '/') {
            throw new IllegalArgumentException("path \"" + path + "\" does not start with '/'");
        }
        return path;
    }

    /**
     * Whether the prefix of a {@code prefix + "/*"} pattern covers {@code path}: the path is the
     * prefix itself or continues it with a '/' ({@code /foo/*} covers {@code /foo} and
     * {@code /foo/bar}, never {@code /foobar}). The prefix of {@code /*} is empty and covers all.
     */
    static boolean underPrefix(String path, String prefix) {
        return path.startsWith(prefix)
                && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }

    /**
     * The extension of the path's last segment, what follows its last '.' (spec 12.1 rule 3), or
     * null if that segment has no '.' or ends with one. A dot in a directory name does not count:
     * {@code /a.b/c} has none.
     */
    static String extension(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        if (dot <= slash || dot == path.length() - 1) {
            return null;
        }
        return path.substring(dot + 1);
    }
}
