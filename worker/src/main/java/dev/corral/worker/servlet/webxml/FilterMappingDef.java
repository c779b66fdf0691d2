package dev.corral.worker.servlet.webxml;

import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.List;

/**
 * One {@code <filter-mapping>}. Immutable: the dispatcher set is copied in and out, since an
 * {@link EnumSet} cannot be made read-only.
 *
 * @param servletNames the servlet-names, {@code "*"} meaning every servlet (the spec's "Filters and the
 *     RequestDispatcher")
 * @param dispatchers {@code REQUEST} alone when the mapping names none (the schema's default)
 */
public record FilterMappingDef(String filterName, List<String> urlPatterns, List<String> servletNames,
        EnumSet<DispatcherType> dispatchers) {

    public FilterMappingDef {
        urlPatterns = List.copyOf(urlPatterns);
        servletNames = List.copyOf(servletNames);
        dispatchers = dispatchers.isEmpty() ? EnumSet.of(DispatcherType.REQUEST) : EnumSet.copyOf(dispatchers);
    }

    @Override
    public EnumSet<DispatcherType> dispatchers() {
        return EnumSet.copyOf(dispatchers);
    }

    /** Whether the mapping applies to a request dispatched as {@code type}. */
    public boolean appliesTo(DispatcherType type) {
        return dispatchers.contains(type);
    }
}
