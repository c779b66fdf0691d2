/**
 * Servlet 6.1 chapter 12 url-patterns: the syntax ({@link dev.corral.worker.servlet.mapping.UrlPatterns}),
 * and which servlet serves a request path, with its servlet path, path info and
 * {@code HttpServletMapping} ({@link dev.corral.worker.servlet.mapping.PathMapper}). Pure logic:
 * no I/O, no threads of its own.
 */
package dev.corral.worker.servlet.mapping;
