package dev.corral.worker.servlet;

import dev.corral.worker.servlet.webxml.WebDescriptor;
import jakarta.servlet.MultipartConfigElement;
import java.util.Set;

/**
 * Puts what {@code WEB-INF/web.xml} declares into the application being started, as the
 * container does before any initializer runs. Main thread, at start.
 */
final class Descriptors {
    private Descriptors() {
    }

    static void apply(WebDescriptor d, WebApp app) {
        AppContext context = app.context();
        context.displayName(d.displayName());
        d.contextParams().forEach(context::setInitParameter);
        if (d.sessionTimeoutMinutes() != null) {
            context.setSessionTimeout(d.sessionTimeoutMinutes());
        }
        if (d.requestCharacterEncoding() != null) {
            context.setRequestCharacterEncoding(d.requestCharacterEncoding());
        }
        if (d.responseCharacterEncoding() != null) {
            context.setResponseCharacterEncoding(d.responseCharacterEncoding());
        }
        d.listeners().forEach(context::addListener);
        for (var s : d.servlets()) {
            ServletHolder holder = app.addServlet(s.name(), s.className(), null);
            if (holder == null) {
                throw new IllegalArgumentException("web.xml declares servlet '" + s.name() + "' twice");
            }
            s.initParams().forEach(holder::setInitParameter);
            if (s.loadOnStartup() != null) {
                holder.setLoadOnStartup(s.loadOnStartup());
            }
            var m = s.multipart();
            if (m != null) {
                holder.setMultipartConfig(new MultipartConfigElement(m.location(), m.maxFileSize(),
                        m.maxRequestSize(), m.fileSizeThreshold()));
            }
        }
        for (var mapping : d.servletMappings()) {
            ServletHolder holder = app.servlet(mapping.servletName());
            Set<String> taken = app.mapServlet(holder, mapping.urlPatterns().toArray(String[]::new));
            if (!taken.isEmpty()) {
                throw new IllegalArgumentException("web.xml maps " + taken + " to more than one servlet");
            }
        }
        for (var f : d.filters()) {
            FilterHolder holder = app.addFilter(f.name(), f.className(), null);
            if (holder == null) {
                throw new IllegalArgumentException("web.xml declares filter '" + f.name() + "' twice");
            }
            f.initParams().forEach(holder::setInitParameter);
        }
        for (var fm : d.filterMappings()) {
            FilterHolder holder = app.filter(fm.filterName());
            if (holder == null) {
                throw new IllegalArgumentException("web.xml maps filter '" + fm.filterName() + "', which it does not declare");
            }
            app.mapFilterDeclared(new FilterMapping(holder, fm.urlPatterns(), fm.servletNames(), fm.dispatchers()));
        }
        app.welcomeFiles().addAll(d.welcomeFiles());
        for (var e : d.errorPages()) {
            app.errorPages().add(e.errorCode(), e.exceptionType(), e.location());
        }
    }
}
