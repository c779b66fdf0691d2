package dev.corral.worker.loading;

import dev.corral.worker.app.Handler;
import dev.corral.worker.control.WorkerSettings;
import dev.corral.worker.demo.DemoApp;
import dev.corral.worker.http.call.Application;
import dev.corral.worker.http.call.HandlerApp;
import dev.corral.worker.servlet.Deployer;
import dev.corral.worker.servlet.webxml.WebDescriptor;
import dev.corral.worker.servlet.webxml.WebXml;
import dev.corral.worker.servlet.webxml.WebXmlException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Creates the application a worker serves: the class named by {@code app} (a {@link Handler},
 * a Servlet, or a class a {@code ServletContainerInitializer} handles), a WAR on
 * {@code app_classpath}, or the demo app. Main thread, before the worker accepts a connection.
 */
public final class AppLoader {

    /** Why the application could not be created; the message is the one line a user reads. */
    public static final class BootFailure extends Exception {
        public BootFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private AppLoader() {
    }

    /** Loads and starts the application, or the built-in demo app when there is none. */
    public static Application load(WorkerSettings settings) throws BootFailure {
        AppClasspath classpath;
        try {
            classpath = AppClasspath.resolve(settings.appClasspath());
        } catch (IllegalArgumentException e) {
            throw new BootFailure(e.getMessage(), e);
        }
        if (settings.app() == null && classpath.warRoot() == null) {
            return new HandlerApp(new DemoApp(settings.demoCrash()));
        }
        ClassLoader loader = classLoader(classpath.entries());
        // The app's static initialisers, constructor and start-up may start a framework that finds
        // its services through the context class loader: it must be the app's, as on handler threads.
        Thread self = Thread.currentThread();
        ClassLoader previous = self.getContextClassLoader();
        self.setContextClassLoader(loader);
        try {
            Class<?> type = settings.app() == null ? null : find(settings.app(), loader, settings);
            if (type != null && Handler.class.isAssignableFrom(type)) {
                return new HandlerApp(createHandler(type));
            }
            return Deployer.deploy(new Deployer.Plan(type, loader, classpath.warRoot(), descriptor(classpath),
                    settings.servletInitParams(), settings.workers()));
        } catch (Deployer.StartFailure e) {
            throw new BootFailure(e.getMessage(), e.getCause());
        } finally {
            self.setContextClassLoader(previous);
        }
    }

    private static Class<?> find(String name, ClassLoader loader, WorkerSettings settings) throws BootFailure {
        try {
            return Class.forName(name, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new BootFailure("App class '" + name + "' not found on the class path or app_classpath "
                    + settings.appClasspath() + (e instanceof LinkageError ? ": " + e : ""), e);
        }
    }

    private static Handler createHandler(Class<?> type) throws BootFailure {
        String name = type.getName();
        try {
            return (Handler) type.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new BootFailure("App class '" + name + "' has no public no-argument constructor", e);
        } catch (InvocationTargetException e) {
            throw new BootFailure("App class '" + name + "' failed in its constructor: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new BootFailure("App class '" + name + "' cannot be created: " + e, e);
        }
    }

    private static WebDescriptor descriptor(AppClasspath classpath) throws BootFailure {
        Path xml = classpath.webXml();
        if (xml == null) {
            return null;
        }
        try (InputStream in = Files.newInputStream(xml)) {
            return WebXml.parse(in, xml.toString());
        } catch (IOException e) {
            throw new BootFailure("Cannot read " + xml + ": " + e.getMessage(), e);
        } catch (WebXmlException e) {
            throw new BootFailure(e.getMessage(), e);
        }
    }

    private static ClassLoader classLoader(List<Path> entries) throws BootFailure {
        try {
            return classLoader(entries, AppLoader.class.getClassLoader());
        } catch (IllegalArgumentException e) {
            throw new BootFailure(e.getMessage(), e);
        }
    }

    /**
     * The class loader of an application whose class-path entries ({@link AppClasspath}) are
     * {@code classpath}: it sees those, the JDK, and of Corral ({@code corral}, the loader of
     * Corral's classes) only the public app API and {@code jakarta.servlet}, so that Corral's
     * Netty and logging never mix with the application's. With no entries the app class is on
     * Corral's own class path: then {@code corral} itself. The master uses it too, to look for the
     * app class before it starts anything.
     *
     * @throws IllegalArgumentException naming an entry that is not a usable path
     */
    public static ClassLoader classLoader(List<Path> classpath, ClassLoader corral) {
        if (classpath.isEmpty()) {
            return corral;
        }
        URL[] urls = new URL[classpath.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = classpath.get(i).toAbsolutePath().toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("app_classpath entry '" + classpath.get(i) + "' is not a usable path", e);
            }
        }
        return new URLClassLoader("app", urls, new ApiOnlyClassLoader(corral));
    }
}
