package dev.corral.worker.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.SessionTrackingMode;
import jakarta.servlet.descriptor.JspConfigDescriptor;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.EnumSet;
import java.util.EventListener;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's {@link ServletContext}: one per worker. Registration and init parameters
 * change only while the application starts (the worker's main thread); attributes change at
 * any time, from any handler thread.
 */
final class AppContext implements ServletContext {
    private static final Logger LOG = LoggerFactory.getLogger("dev.corral.worker.servlet.ServletContext");

    private final WebApp app;
    private final Map<String, String> initParams = new LinkedHashMap<>();
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final SessionCookies cookieConfig = new SessionCookies();
    private volatile Set<SessionTrackingMode> trackingModes = EnumSet.of(SessionTrackingMode.COOKIE);
    private volatile int sessionTimeoutMinutes = 30;
    private volatile String requestEncoding;
    private volatile String responseEncoding;
    private String displayName = "";

    AppContext(WebApp app) {
        this.app = app;
    }

    void displayName(String name) {
        displayName = name == null ? "" : name;
    }

    SessionCookies cookies() {
        return cookieConfig;
    }

    @Override
    public String getContextPath() {
        return "";
    }

    @Override
    public ServletContext getContext(String uripath) {
        return uripath != null && uripath.startsWith("/") ? this : null;
    }

    @Override
    public int getMajorVersion() {
        return 6;
    }

    @Override
    public int getMinorVersion() {
        return 1;
    }

    @Override
    public int getEffectiveMajorVersion() {
        return 6;
    }

    @Override
    public int getEffectiveMinorVersion() {
        return 1;
    }

    @Override
    public String getMimeType(String file) {
        return app.resources().mimeType(file);
    }

    @Override
    public Set<String> getResourcePaths(String path) {
        return app.resources().paths(path);
    }

    @Override
    public URL getResource(String path) throws MalformedURLException {
        if (path == null || !path.startsWith("/")) {
            throw new MalformedURLException("a resource path must start with '/': " + path);
        }
        return app.resources().find(path);
    }

    @Override
    public InputStream getResourceAsStream(String path) {
        return app.resources().open(path);
    }

    @Override
    public RequestDispatcher getRequestDispatcher(String path) {
        return path != null && path.startsWith("/") ? Dispatcher.forPath(app, path) : null;
    }

    @Override
    public RequestDispatcher getNamedDispatcher(String name) {
        ServletHolder holder = app.servlet(name);
        return holder == null ? null : Dispatcher.named(app, holder);
    }

    @Override
    public void log(String msg) {
        LOG.info("{}", msg);
    }

    @Override
    public void log(String message, Throwable throwable) {
        LOG.error("{}", message, throwable);
    }

    @Override
    public String getRealPath(String path) {
        return app.resources().realPath(path);
    }

    @Override
    public String getServerInfo() {
        return "Corral/0.1.0";
    }

    @Override
    public String getInitParameter(String name) {
        return initParams.get(name);
    }

    @Override
    public Enumeration<String> getInitParameterNames() {
        return Collections.enumeration(initParams.keySet());
    }

    @Override
    public boolean setInitParameter(String name, String value) {
        app.checkStarting("setInitParameter");
        return initParams.putIfAbsent(name, value) == null;
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        return Collections.enumeration(Set.copyOf(attributes.keySet()));
    }

    @Override
    public void setAttribute(String name, Object object) {
        if (object == null) {
            removeAttribute(name);
            return;
        }
        Object old = attributes.put(name, object);
        app.listeners().contextAttribute(this, name, object, old);
    }

    @Override
    public void removeAttribute(String name) {
        Object old = attributes.remove(name);
        if (old != null) {
            app.listeners().contextAttribute(this, name, null, old);
        }
    }

    @Override
    public String getServletContextName() {
        return displayName;
    }

    @Override
    public ServletRegistration.Dynamic addServlet(String servletName, String className) {
        return app.addServlet(servletName, className, null);
    }

    @Override
    public ServletRegistration.Dynamic addServlet(String servletName, Servlet servlet) {
        return app.addServlet(servletName, servlet.getClass().getName(), servlet);
    }

    @Override
    public ServletRegistration.Dynamic addServlet(String servletName, Class<? extends Servlet> servletClass) {
        return app.addServlet(servletName, servletClass.getName(), null);
    }

    @Override
    public ServletRegistration.Dynamic addJspFile(String servletName, String jspFile) {
        throw new UnsupportedOperationException("Corral does not compile JSPs (addJspFile " + jspFile + ")");
    }

    @Override
    public <T extends Servlet> T createServlet(Class<T> clazz) throws ServletException {
        return create(clazz);
    }

    @Override
    public ServletRegistration getServletRegistration(String servletName) {
        return app.servlet(servletName);
    }

    @Override
    public Map<String, ? extends ServletRegistration> getServletRegistrations() {
        return app.servlets();
    }

    @Override
    public FilterRegistration.Dynamic addFilter(String filterName, String className) {
        return app.addFilter(filterName, className, null);
    }

    @Override
    public FilterRegistration.Dynamic addFilter(String filterName, Filter filter) {
        return app.addFilter(filterName, filter.getClass().getName(), filter);
    }

    @Override
    public FilterRegistration.Dynamic addFilter(String filterName, Class<? extends Filter> filterClass) {
        return app.addFilter(filterName, filterClass.getName(), null);
    }

    @Override
    public <T extends Filter> T createFilter(Class<T> clazz) throws ServletException {
        return create(clazz);
    }

    @Override
    public FilterRegistration getFilterRegistration(String filterName) {
        return app.filter(filterName);
    }

    @Override
    public Map<String, ? extends FilterRegistration> getFilterRegistrations() {
        return app.filters();
    }

    @Override
    public SessionCookieConfig getSessionCookieConfig() {
        return cookieConfig;
    }

    @Override
    public void setSessionTrackingModes(Set<SessionTrackingMode> modes) {
        app.checkStarting("setSessionTrackingModes");
        if (modes.contains(SessionTrackingMode.SSL)) {
            throw new IllegalArgumentException("SSL session tracking is not supported");
        }
        trackingModes = modes.isEmpty() ? EnumSet.noneOf(SessionTrackingMode.class) : EnumSet.copyOf(modes);
    }

    @Override
    public Set<SessionTrackingMode> getDefaultSessionTrackingModes() {
        return EnumSet.of(SessionTrackingMode.COOKIE);
    }

    @Override
    public Set<SessionTrackingMode> getEffectiveSessionTrackingModes() {
        return trackingModes;
    }

    @Override
    public void addListener(String className) {
        try {
            Class<?> type = Class.forName(className, false, app.loader());
            addListener(type.asSubclass(EventListener.class));
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new IllegalArgumentException("Listener class " + className + " cannot be used: " + e, e);
        }
    }

    @Override
    public <T extends EventListener> void addListener(T t) {
        app.checkStarting("addListener");
        if (!Listeners.supported(t)) {
            throw new IllegalArgumentException(t.getClass().getName() + " is not a listener type the spec allows");
        }
        app.listeners().add(t);
    }

    @Override
    public void addListener(Class<? extends EventListener> listenerClass) {
        try {
            addListener(createListener(listenerClass));
        } catch (ServletException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public <T extends EventListener> T createListener(Class<T> clazz) throws ServletException {
        return create(clazz);
    }

    @Override
    public JspConfigDescriptor getJspConfigDescriptor() {
        return null;
    }

    @Override
    public ClassLoader getClassLoader() {
        return app.loader();
    }

    @Override
    public void declareRoles(String... roleNames) {
        // No container security in Corral: roles mean nothing here.
    }

    @Override
    public String getVirtualServerName() {
        return "corral";
    }

    @Override
    public int getSessionTimeout() {
        return sessionTimeoutMinutes;
    }

    @Override
    public void setSessionTimeout(int sessionTimeout) {
        app.checkStarting("setSessionTimeout");
        sessionTimeoutMinutes = sessionTimeout;
    }

    @Override
    public String getRequestCharacterEncoding() {
        return requestEncoding;
    }

    @Override
    public void setRequestCharacterEncoding(String encoding) {
        app.checkStarting("setRequestCharacterEncoding");
        requestEncoding = encoding;
    }

    @Override
    public String getResponseCharacterEncoding() {
        return responseEncoding;
    }

    @Override
    public void setResponseCharacterEncoding(String encoding) {
        app.checkStarting("setResponseCharacterEncoding");
        responseEncoding = encoding;
    }

    private static <T> T create(Class<T> clazz) throws ServletException {
        try {
            var constructor = clazz.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : e;
            throw new ServletException("Cannot create " + clazz.getName() + ": " + cause, cause);
        }
    }
}
