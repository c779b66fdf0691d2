package dev.corral.worker.servlet;

import dev.corral.worker.servlet.mapping.PathMapper;
import dev.corral.worker.servlet.session.SessionStore;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One deployed servlet application: its context, servlets, filters and their mappings,
 * listeners, error pages and sessions. Built while the application starts, on the worker's main
 * thread ({@link Deployer}); from {@link #started} on its registrations no longer change and
 * handler threads read them without locks.
 */
final class WebApp {
    private final ClassLoader loader;
    private final AppContext context;
    private final Map<String, ServletHolder> servlets = new LinkedHashMap<>();
    private final Map<String, FilterHolder> filters = new LinkedHashMap<>();
    // The spec's order: programmatic mappings asked to match first, then web.xml's, then the rest.
    private final List<FilterMapping> firstMappings = new ArrayList<>();
    private final List<FilterMapping> declaredMappings = new ArrayList<>();
    private final List<FilterMapping> lastMappings = new ArrayList<>();
    private final PathMapper<ServletHolder> mapper = new PathMapper<>();
    private final Listeners listeners = new Listeners();
    private final ErrorPages errorPages = new ErrorPages();
    private final List<String> welcomeFiles = new ArrayList<>();
    private Resources resources;
    private SessionStore sessions;
    private volatile boolean starting = true;
    private List<FilterMapping> allMappings = List.of();

    WebApp(ClassLoader loader) {
        this.loader = loader;
        this.context = new AppContext(this);
        this.resources = new Resources(null, loader, Map.of());
    }

    ClassLoader loader() {
        return loader;
    }

    AppContext context() {
        return context;
    }

    Listeners listeners() {
        return listeners;
    }

    ErrorPages errorPages() {
        return errorPages;
    }

    List<String> welcomeFiles() {
        return welcomeFiles;
    }

    Resources resources() {
        return resources;
    }

    void resources(Resources resources) {
        this.resources = resources;
    }

    SessionStore sessions() {
        return sessions;
    }

    void sessions(SessionStore sessions) {
        this.sessions = sessions;
    }

    PathMapper<ServletHolder> mapper() {
        return mapper;
    }

    void checkStarting(String what) {
        if (!starting) {
            throw new IllegalStateException(what + " is allowed only while the application starts");
        }
    }

    /** Registration is over: from now on handler threads read what is here. */
    void started() {
        List<FilterMapping> all = new ArrayList<>(firstMappings);
        all.addAll(declaredMappings);
        all.addAll(lastMappings);
        allMappings = List.copyOf(all);
        starting = false;
    }

    ServletHolder addServlet(String name, String className, Servlet instance) {
        checkStarting("addServlet");
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a servlet needs a name");
        }
        if (servlets.containsKey(name)) {
            return null;
        }
        ServletHolder holder = new ServletHolder(this, name, className, instance);
        servlets.put(name, holder);
        return holder;
    }

    FilterHolder addFilter(String name, String className, Filter instance) {
        checkStarting("addFilter");
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a filter needs a name");
        }
        if (filters.containsKey(name)) {
            return null;
        }
        FilterHolder holder = new FilterHolder(this, name, className, instance);
        filters.put(name, holder);
        return holder;
    }

    ServletHolder servlet(String name) {
        return servlets.get(name);
    }

    Map<String, ServletHolder> servlets() {
        return Collections.unmodifiableMap(servlets);
    }

    FilterHolder filter(String name) {
        return filters.get(name);
    }

    Map<String, FilterHolder> filters() {
        return Collections.unmodifiableMap(filters);
    }

    /** Maps the servlet at each pattern, or at none when one is taken: the taken ones are returned. */
    Set<String> mapServlet(ServletHolder holder, String... patterns) {
        Set<String> taken = new LinkedHashSet<>();
        for (String p : patterns) {
            if (mapper.isMapped(p)) {
                taken.add(p);
            }
        }
        if (taken.isEmpty()) {
            for (String p : patterns) {
                mapper.add(p, holder);
            }
        }
        return taken;
    }

    Collection<String> mappingsOf(ServletHolder holder) {
        return mapper.patterns(holder);
    }

    void mapFilter(FilterMapping mapping, boolean isMatchAfter) {
        (isMatchAfter ? lastMappings : firstMappings).add(mapping);
    }

    void mapFilterDeclared(FilterMapping mapping) {
        declaredMappings.add(mapping);
    }

    List<FilterMapping> filterMappings() {
        if (starting) {
            List<FilterMapping> all = new ArrayList<>(firstMappings);
            all.addAll(declaredMappings);
            all.addAll(lastMappings);
            return all;
        }
        return allMappings;
    }

    /** The filters a request for {@code path}, served by {@code servlet}, goes through (§6.2.4). */
    List<Filter> filtersFor(String path, ServletHolder servlet, DispatcherType type) {
        List<FilterMapping> mappings = allMappings;
        if (mappings.isEmpty()) {
            return List.of();
        }
        List<Filter> out = new ArrayList<>();
        for (FilterMapping m : mappings) {
            if (m.byPath(path, type)) {
                out.add(m.filter().filter());
            }
        }
        String name = servlet == null ? null : servlet.getName();
        for (FilterMapping m : mappings) {
            if (m.byServlet(name, type) && !out.contains(m.filter().filter())) {
                out.add(m.filter().filter());
            }
        }
        return out;
    }
}
