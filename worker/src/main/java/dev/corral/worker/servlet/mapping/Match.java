package dev.corral.worker.servlet.mapping;

import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.MappingMatch;

/**
 * The outcome of mapping one request path: the target, how the path splits into servlet path and
 * path info, and the facts {@link HttpServletMapping} reports. Immutable, safe from any thread.
 *
 * @param target what the pattern was mapped to
 * @param servletPath the request's servlet path: {@code ""} for the context root and for
 *     {@code /*}, the prefix for a path match, the whole path otherwise
 * @param pathInfo the rest of the path after the servlet path, starting with '/', or null
 * @param matchType which rule matched
 * @param matchValue what {@link HttpServletMapping#getMatchValue()} must return for this match
 * @param pattern the url-pattern that matched, as declared
 */
public record Match<T>(T target, String servletPath, String pathInfo, MappingMatch matchType,
        String matchValue, String pattern) {

    public Match {
        if (servletPath == null || matchType == null || matchValue == null || pattern == null) {
            throw new IllegalArgumentException("a match needs a servlet path, a type, a match value and a pattern");
        }
    }

    /** The request's {@link HttpServletMapping} when the matched servlet is named {@code servletName}. */
    public HttpServletMapping mapping(String servletName) {
        return new ServletMapping(matchValue, pattern, servletName, matchType);
    }
}
