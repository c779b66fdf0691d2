package dev.corral.worker.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * One filter of the application: its registration, config and instance. Set up on the worker's
 * main thread while the application starts; used by every handler thread after.
 */
final class FilterHolder extends Holder implements FilterRegistration.Dynamic, FilterConfig {
    private Filter filter;
    private boolean initialised;

    FilterHolder(WebApp app, String name, String className, Filter instance) {
        super(app, name, className);
        this.filter = instance;
    }

    Filter filter() {
        return filter;
    }

    void init() throws ServletException {
        if (initialised) {
            return;
        }
        if (filter == null) {
            filter = app.context().createFilter(load(Filter.class, "Filter"));
        }
        filter.init(this);
        initialised = true;
    }

    void destroy() {
        if (initialised) {
            initialised = false;
            filter.destroy();
        }
    }

    @Override
    public void addMappingForServletNames(EnumSet<DispatcherType> dispatcherTypes, boolean isMatchAfter,
                                          String... servletNames) {
        app.checkStarting("addMappingForServletNames");
        app.mapFilter(new FilterMapping(this, List.of(), List.of(servletNames), dispatchers(dispatcherTypes)),
                isMatchAfter);
    }

    @Override
    public void addMappingForUrlPatterns(EnumSet<DispatcherType> dispatcherTypes, boolean isMatchAfter,
                                         String... urlPatterns) {
        app.checkStarting("addMappingForUrlPatterns");
        app.mapFilter(new FilterMapping(this, List.of(urlPatterns), List.of(), dispatchers(dispatcherTypes)),
                isMatchAfter);
    }

    private static EnumSet<DispatcherType> dispatchers(EnumSet<DispatcherType> given) {
        return given == null || given.isEmpty() ? EnumSet.of(DispatcherType.REQUEST) : EnumSet.copyOf(given);
    }

    @Override
    public Collection<String> getServletNameMappings() {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        app.filterMappings().stream().filter(m -> m.filter() == this).forEach(m -> out.addAll(m.servletNames()));
        return out;
    }

    @Override
    public Collection<String> getUrlPatternMappings() {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        app.filterMappings().stream().filter(m -> m.filter() == this).forEach(m -> out.addAll(m.urlPatterns()));
        return out;
    }

    // ---- FilterConfig

    @Override
    public String getFilterName() {
        return getName();
    }

    @Override
    public ServletContext getServletContext() {
        return app.context();
    }
}
