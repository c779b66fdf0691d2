package dev.corral.worker.loading;

import dev.corral.worker.app.Handler;
import dev.corral.worker.control.WorkerSettings;
import dev.corral.worker.demo.DemoApp;
import dev.corral.worker.http.call.Application;
import dev.corral.worker.http.call.HandlerApp;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;

/** Creates the application a worker serves: the class named by {@code app}, or the demo app. */
public final class AppLoader {

    /** Why the application could not be created; the message is the one line a user reads. */
    public static final class BootFailure extends Exception {
        public BootFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private AppLoader() {
    }

    /** Loads and instantiates the application, or the built-in demo app when {@code app} is unset. */
    public static Application load(WorkerSettings settings) throws BootFailure {
        if (settings.app() == null) {
            return new HandlerApp(new DemoApp(settings.demoCrash()));
        }
        String name = settings.app();
        ClassLoader loader = classLoader(settings.appClasspath());
        // The app's static initialisers and constructor may start a framework that finds its
        // services through the context class loader: it must be the app's, as on handler threads.
        Thread self = Thread.currentThread();
        ClassLoader previous = self.getContextClassLoader();
        self.setContextClassLoader(loader);
        try {
            return create(name, loader, settings);
        } finally {
            self.setContextClassLoader(previous);
        }
    }

    private static Application create(String name, ClassLoader loader, WorkerSettings settings) throws BootFailure {
        Class<?> type;
        try {
            type = Class.forName(name, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new BootFailure("App class '" + name + "' not found on the class path or app_classpath "
                    + settings.appClasspath() + (e instanceof LinkageError ? ": " + e : ""), e);
        }
        if (!Handler.class.isAssignableFrom(type)) {
            throw new BootFailure("App class '" + name + "' does not implement " + Handler.class.getName(), null);
        }
        try {
            return new HandlerApp((Handler) type.getConstructor().newInstance());
        } catch (NoSuchMethodException e) {
            throw new BootFailure("App class '" + name + "' has no public no-argument constructor", e);
        } catch (InvocationTargetException e) {
            throw new BootFailure("App class '" + name + "' failed in its constructor: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new BootFailure("App class '" + name + "' cannot be created: " + e, e);
        }
    }

    private static ClassLoader classLoader(List<Path> classpath) throws BootFailure {
        try {
            return classLoader(classpath, AppLoader.class.getClassLoader());
        } catch (IllegalArgumentException e) {
            throw new BootFailure(e.getMessage(), e);
        }
    }

    /**
     * The class loader of an application on {@code app_classpath} (jars or folders): it sees
     * those, the JDK, and of Corral ({@code corral}, the loader of Corral's classes) only the
     * public app API, so that Corral's Netty and logging never mix with the application's. With
     * no {@code app_classpath} the app class is on Corral's own class path: then {@code corral}
     * itself. The master uses it too, to look for the app class before it starts anything.
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
