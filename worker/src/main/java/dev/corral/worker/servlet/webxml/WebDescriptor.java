package dev.corral.worker.servlet.webxml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@code WEB-INF/web.xml} declares that Corral acts on, every list in document order.
 * Immutable.
 *
 * @param displayName the first display-name, or null
 * @param contextParams the context-params, ordered
 * @param listeners the listener class names
 * @param welcomeFiles every welcome-file-list's entries, one after the other
 * @param sessionTimeoutMinutes null when the descriptor sets none; 0 or less means sessions never
 *     time out
 * @param metadataComplete the web-app attribute; true when absent from a descriptor older than
 *     2.5, which predates annotations
 * @param mimeMappings extension (without the dot) to MIME type
 * @param requestCharacterEncoding the default request encoding (Servlet 4.0), or null
 * @param responseCharacterEncoding the default response encoding (Servlet 4.0), or null
 * @param version the web-app version attribute, or for a DOCTYPE descriptor the DTD's version
 *     ({@code "2.3"}), or null
 * @param ignoredElements the names of the top-level elements Corral does not act on (such as
 *     {@code security-constraint}), each once, in the order first seen, so the caller can warn
 *     that they have no effect
 */
public record WebDescriptor(String displayName, Map<String, String> contextParams, List<String> listeners,
        List<ServletDef> servlets, List<ServletMappingDef> servletMappings, List<FilterDef> filters,
        List<FilterMappingDef> filterMappings, List<String> welcomeFiles, List<ErrorPageDef> errorPages,
        Integer sessionTimeoutMinutes, boolean metadataComplete, Map<String, String> mimeMappings,
        String requestCharacterEncoding, String responseCharacterEncoding, String version,
        List<String> ignoredElements) {

    public WebDescriptor {
        contextParams = Collections.unmodifiableMap(new LinkedHashMap<>(contextParams));
        listeners = List.copyOf(listeners);
        servlets = List.copyOf(servlets);
        servletMappings = List.copyOf(servletMappings);
        filters = List.copyOf(filters);
        filterMappings = List.copyOf(filterMappings);
        welcomeFiles = List.copyOf(welcomeFiles);
        errorPages = List.copyOf(errorPages);
        mimeMappings = Collections.unmodifiableMap(new LinkedHashMap<>(mimeMappings));
        ignoredElements = List.copyOf(ignoredElements);
    }

    /** The servlet declared as {@code name}, or null. */
    public ServletDef servlet(String name) {
        for (ServletDef s : servlets) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** The filter declared as {@code name}, or null. */
    public FilterDef filter(String name) {
        for (FilterDef f : filters) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }
}
