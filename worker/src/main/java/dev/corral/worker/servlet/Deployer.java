package dev.corral.worker.servlet;

import dev.corral.worker.http.call.Application;
import dev.corral.worker.servlet.session.SessionStore;
import dev.corral.worker.servlet.webxml.WebDescriptor;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpSessionListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a servlet application in a worker, as a servlet container does, in the spec's order:
 * web.xml's declarations, the {@link ServletContainerInitializer}s found with
 * {@link ServiceLoader} (each offered the named class when its {@code @HandlesTypes} matches it:
 * no class-path scan), the named servlet at {@code /*}, the context listeners, then every
 * filter and servlet initialised, before the worker accepts a connection. Main thread.
 */
public final class Deployer {
    private static final Logger LOG = LoggerFactory.getLogger(Deployer.class);

    /** What to deploy. */
    public record Plan(Class<?> named, ClassLoader loader, Path warRoot, WebDescriptor descriptor,
                       Map<String, String> servletInitParams, int workers) {
    }

    /** The application failed to start: the message is the one line a user reads. */
    public static final class StartFailure extends Exception {
        StartFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private Deployer() {
    }

    public static Application deploy(Plan plan) throws StartFailure {
        WebApp app = new WebApp(plan.loader());
        SessionNotice.workers(plan.workers());
        WebDescriptor d = plan.descriptor();
        app.resources(new Resources(plan.warRoot(), plan.loader(), d == null ? Map.of() : d.mimeMappings()));
        try {
            if (d != null) {
                Descriptors.apply(d, app);
                if (d.ignoredElements().contains("security-constraint")) {
                    LOG.warn("web.xml declares <security-constraint>, which Corral does not enforce:"
                            + " protect those paths in the application (e.g. with a filter)");
                }
            }
            boolean offered = runInitializers(plan.named(), app);
            if (plan.named() != null && Servlet.class.isAssignableFrom(plan.named())) {
                ServletHolder holder = app.addServlet(plan.named().getSimpleName(), plan.named().getName(), null);
                plan.servletInitParams().forEach(holder::setInitParameter);
                Set<String> taken = holder.addMapping("/*");
                if (!taken.isEmpty()) {
                    throw new StartFailure("App servlet " + plan.named().getName() + " cannot be mapped at /*: "
                            + "the application maps a servlet there already", null);
                }
            } else if (plan.named() != null && !offered) {
                throw new StartFailure("App class '" + plan.named().getName() + "' is neither a Handler, a Servlet,"
                        + " nor a class a ServletContainerInitializer on app_classpath handles", null);
            }
            if (!app.mapper().isMapped("/")) {
                String name = app.servlet("default") == null ? "default" : "corral-default";
                app.addServlet(name, DefaultServlet.class.getName(), new DefaultServlet(app.resources())).addMapping("/");
            }
            int timeout = app.context().getSessionTimeout();
            app.sessions(new SessionStore(app.context(), timeout <= 0 ? -1 : timeout * 60,
                    new SessionListeners(app), System::currentTimeMillis));
            contextInitialized(app);
            app.started();
            initFilters(app);
            initServlets(app);
        } catch (StartFailure e) {
            throw e;
        } catch (Exception | LinkageError e) {
            throw new StartFailure("The servlet application failed to start: " + e, e);
        }
        if (plan.workers() > 1 && (d != null && d.sessionTimeoutMinutes() != null
                || !app.listeners().of(HttpSessionListener.class).isEmpty())) {
            SessionNotice.firstSession();
        }
        return new ServletApp(app, () -> stop(app));
    }

    private static boolean runInitializers(Class<?> named, WebApp app) throws ServletException {
        boolean offered = false;
        for (ServletContainerInitializer sci : initializers(app.loader())) {
            Set<Class<?>> classes = null;
            if (named != null && HandledTypes.offered(named, sci)) {
                classes = new HashSet<>(Set.of(named));
                offered = true;
            }
            LOG.debug("Running {} with {}", sci.getClass().getName(), classes);
            sci.onStartup(classes, app.context());
        }
        return offered;
    }

    private static List<ServletContainerInitializer> initializers(ClassLoader loader) {
        List<ServletContainerInitializer> out = new ArrayList<>();
        try {
            ServiceLoader.load(ServletContainerInitializer.class, loader).forEach(out::add);
        } catch (ServiceConfigurationError e) {
            LOG.warn("A ServletContainerInitializer cannot be loaded: {}", e.getMessage());
        }
        return out;
    }

    private static void contextInitialized(WebApp app) {
        ServletContextEvent event = new ServletContextEvent(app.context());
        List<ServletContextListener> done = new ArrayList<>();
        List<ServletContextListener> pending = app.listeners().contextListeners();
        while (!pending.isEmpty()) {
            for (ServletContextListener l : pending) {
                l.contextInitialized(event);
                done.add(l);
            }
            pending = app.listeners().contextListeners().stream().filter(l -> !done.contains(l)).toList();
        }
    }

    private static void initFilters(WebApp app) throws ServletException {
        for (FilterHolder f : app.filters().values()) {
            f.init();
        }
    }

    // All of them now, not on a first request: a worker is ready only when its application is,
    // and that first request would otherwise wait for a framework to start.
    private static void initServlets(WebApp app) throws ServletException {
        List<ServletHolder> order = new ArrayList<>(app.servlets().values());
        order.sort(Comparator.comparingInt(h -> h.loadOnStartup() < 0 ? Integer.MAX_VALUE : h.loadOnStartup()));
        for (ServletHolder s : order) {
            s.init();
        }
    }

    private static void stop(WebApp app) {
        List<ServletHolder> servlets = new ArrayList<>(app.servlets().values());
        for (int i = servlets.size() - 1; i >= 0; i--) {
            quietly(servlets.get(i)::destroy, "servlet " + servlets.get(i).getName());
        }
        for (FilterHolder f : app.filters().values()) {
            quietly(f::destroy, "filter " + f.getName());
        }
        quietly(() -> app.listeners().contextDestroyed(app.context()), "context listeners");
    }

    private static void quietly(Runnable step, String what) {
        try {
            step.run();
        } catch (RuntimeException | LinkageError e) {
            LOG.error("Error stopping {}", what, e);
        }
    }
}
