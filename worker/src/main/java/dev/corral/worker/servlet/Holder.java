package dev.corral.worker.servlet;

import jakarta.servlet.Registration;
import jakarta.servlet.ServletException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What servlet and filter registrations share: a name, a class, init parameters. Changed only
 * while the application starts (on the worker's main thread), read by handler threads after.
 */
abstract class Holder implements Registration.Dynamic {
    final WebApp app;
    private final String name;
    String className;
    private final Map<String, String> initParams = new LinkedHashMap<>();

    Holder(WebApp app, String name, String className) {
        this.app = app;
        this.name = name;
        this.className = className;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getClassName() {
        return className;
    }

    @Override
    public boolean setInitParameter(String param, String value) {
        if (param == null || value == null) {
            throw new IllegalArgumentException("init parameter name and value must not be null");
        }
        app.checkStarting("setInitParameter");
        return initParams.putIfAbsent(param, value) == null;
    }

    @Override
    public String getInitParameter(String param) {
        return initParams.get(param);
    }

    @Override
    public Set<String> setInitParameters(Map<String, String> params) {
        Set<String> conflicts = new HashSet<>();
        for (var e : params.entrySet()) {
            if (initParams.containsKey(e.getKey())) {
                conflicts.add(e.getKey());
            }
        }
        if (conflicts.isEmpty()) {
            params.forEach(this::setInitParameter);
        }
        return conflicts;
    }

    @Override
    public Map<String, String> getInitParameters() {
        return Collections.unmodifiableMap(initParams);
    }

    @Override
    public void setAsyncSupported(boolean isAsyncSupported) {
        // Recorded by no one: Corral serves synchronously, and says so in isAsyncSupported().
    }

    /** The names of the init parameters, for ServletConfig and FilterConfig alike. */
    public Enumeration<String> getInitParameterNames() {
        return Collections.enumeration(new LinkedHashSet<>(initParams.keySet()));
    }

    /** The class, loaded through the application's loader; {@code what} names it in the error. */
    <T> Class<? extends T> load(Class<T> kind, String what) throws ServletException {
        try {
            Class<?> type = Class.forName(className, false, app.loader());
            if (!kind.isAssignableFrom(type)) {
                throw new ServletException(what + " '" + name + "': " + className + " is not a " + kind.getName());
            }
            return type.asSubclass(kind);
        } catch (ClassNotFoundException e) {
            throw new ServletException(what + " '" + name + "': class " + className + " not found", e);
        }
    }
}
