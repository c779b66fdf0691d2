package dev.corral.worker.servlet;

import dev.corral.worker.servlet.mapping.Match;
import dev.corral.worker.servlet.request.Parameters;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The request as a forwarded-to, included or error page sees it (§9.3-9.5, §10.9): for a
 * forward or an error dispatch the path is the target's, for an include it stays the
 * original's; the target's query parameters come before the original ones. Handler thread.
 */
final class DispatchedRequest extends HttpServletRequestWrapper {
    private final DispatcherType type;
    private final String uri;
    private final String query;
    private final Match<ServletHolder> match;
    private Map<String, String[]> parameters;

    /** @param uri the target's path, or null to keep the original's (include, named dispatch) */
    DispatchedRequest(HttpServletRequest request, DispatcherType type, String uri, String query,
                      Match<ServletHolder> match) {
        super(request);
        this.type = type;
        this.uri = uri;
        this.query = query;
        this.match = match;
    }

    @Override
    public DispatcherType getDispatcherType() {
        return type;
    }

    private boolean pathChanges() {
        return uri != null && type != DispatcherType.INCLUDE;
    }

    @Override
    public String getRequestURI() {
        return pathChanges() ? uri : super.getRequestURI();
    }

    @Override
    public StringBuffer getRequestURL() {
        if (!pathChanges()) {
            return super.getRequestURL();
        }
        StringBuffer url = super.getRequestURL();
        String original = super.getRequestURI();
        url.setLength(url.length() - original.length());
        return url.append(uri);
    }

    @Override
    public String getServletPath() {
        return pathChanges() && match != null ? match.servletPath() : super.getServletPath();
    }

    @Override
    public String getPathInfo() {
        return pathChanges() && match != null ? match.pathInfo() : super.getPathInfo();
    }

    @Override
    public HttpServletMapping getHttpServletMapping() {
        return pathChanges() && match != null ? match.mapping(match.target().getName()) : super.getHttpServletMapping();
    }

    @Override
    public String getQueryString() {
        return pathChanges() && query != null ? query : super.getQueryString();
    }

    @Override
    public String getParameter(String name) {
        String[] values = getParameterMap().get(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    @Override
    public String[] getParameterValues(String name) {
        String[] values = getParameterMap().get(name);
        return values == null ? null : values.clone();
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(getParameterMap().keySet());
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        if (parameters == null) {
            if (query == null || query.isEmpty()) {
                parameters = super.getParameterMap();
            } else {
                Map<String, List<String>> merged = new LinkedHashMap<>();
                Parameters.parseUrlEncoded(query, StandardCharsets.UTF_8, merged);
                super.getParameterMap().forEach((k, v) -> merged.computeIfAbsent(k, x -> new java.util.ArrayList<>())
                        .addAll(List.of(v)));
                Map<String, String[]> out = new LinkedHashMap<>();
                merged.forEach((k, v) -> out.put(k, v.toArray(String[]::new)));
                parameters = Collections.unmodifiableMap(out);
            }
        }
        return parameters;
    }
}
