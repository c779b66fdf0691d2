package dev.corral.worker.servlet;

import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.ServletSecurityElement;
import jakarta.servlet.annotation.MultipartConfig;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;

/**
 * One servlet of the application: its registration, its config, and the instance. Set up and
 * initialised on the worker's main thread before the worker accepts a connection; then used by
 * every handler thread at once, as the spec has it.
 */
final class ServletHolder extends Holder implements ServletRegistration.Dynamic, ServletConfig {
    private Servlet servlet;
    private int loadOnStartup = -1;
    private MultipartConfigElement multipart;
    private String runAsRole;
    private boolean initialised;

    ServletHolder(WebApp app, String name, String className, Servlet instance) {
        super(app, name, className);
        this.servlet = instance;
    }

    Servlet servlet() {
        return servlet;
    }

    MultipartConfigElement multipartConfig() {
        return multipart;
    }

    int loadOnStartup() {
        return loadOnStartup;
    }

    /** Creates (when only its class was named) and initialises the servlet. */
    void init() throws ServletException {
        if (initialised) {
            return;
        }
        if (servlet == null) {
            servlet = app.context().createServlet(load(Servlet.class, "Servlet"));
        }
        if (multipart == null) {
            MultipartConfig annotated = servlet.getClass().getAnnotation(MultipartConfig.class);
            if (annotated != null) {
                multipart = new MultipartConfigElement(annotated);
            }
        }
        servlet.init(this);
        initialised = true;
    }

    void destroy() {
        if (initialised) {
            initialised = false;
            servlet.destroy();
        }
    }

    @Override
    public Set<String> addMapping(String... urlPatterns) {
        app.checkStarting("addMapping");
        return app.mapServlet(this, urlPatterns);
    }

    @Override
    public Collection<String> getMappings() {
        return app.mappingsOf(this);
    }

    @Override
    public String getRunAsRole() {
        return runAsRole;
    }

    @Override
    public void setLoadOnStartup(int loadOnStartup) {
        this.loadOnStartup = loadOnStartup;
    }

    @Override
    public Set<String> setServletSecurity(ServletSecurityElement constraint) {
        // No container security in Corral: nothing to conflict with.
        return Collections.emptySet();
    }

    @Override
    public void setMultipartConfig(MultipartConfigElement multipartConfig) {
        this.multipart = multipartConfig;
    }

    @Override
    public void setRunAsRole(String roleName) {
        this.runAsRole = roleName;
    }

    // ---- ServletConfig

    @Override
    public String getServletName() {
        return getName();
    }

    @Override
    public ServletContext getServletContext() {
        return app.context();
    }
}
