package dev.corral.worker.servlet;

import dev.corral.worker.servlet.mapping.UrlPatterns;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.List;

/**
 * Which requests a filter sees: by URL pattern or servlet name, for some dispatcher types.
 * Immutable; made while the application starts.
 */
record FilterMapping(FilterHolder filter, List<String> urlPatterns, List<String> servletNames,
                     EnumSet<DispatcherType> dispatchers) {

    FilterMapping {
        for (String p : urlPatterns) {
            String invalid = UrlPatterns.validate(p);
            if (invalid != null) {
                throw new IllegalArgumentException("Filter '" + filter.getName() + "': " + invalid);
            }
        }
    }

    boolean byPath(String path, DispatcherType type) {
        if (!dispatchers.contains(type)) {
            return false;
        }
        for (String p : urlPatterns) {
            if (UrlPatterns.matches(p, path)) {
                return true;
            }
        }
        return false;
    }

    boolean byServlet(String servletName, DispatcherType type) {
        return dispatchers.contains(type) && servletName != null
                && (servletNames.contains(servletName) || servletNames.contains("*"));
    }
}
