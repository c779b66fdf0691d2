package dev.corral.worker.loading;

import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.List;

/**
 * The parent of an application's class loader: the JDK's classes, and of Corral's only its
 * public app API ({@code dev.corral.worker.app}) and, for servlet applications,
 * {@code jakarta.servlet}. Netty, slf4j-simple and Corral's internals stay hidden, so an
 * application that brings its own logging or its own Netty gets its own, not a clash with
 * Corral's copy. Used by the worker's main thread when it loads the app, and by the master
 * when it checks the app class.
 */
final class ApiOnlyClassLoader extends ClassLoader {
    private static final List<String> SHARED_PACKAGES = List.of("dev.corral.worker.app.", "jakarta.servlet.");

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader corral;

    /** @param corral the loader of Corral's own classes, from which the shared ones come */
    ApiOnlyClassLoader(ClassLoader corral) {
        super("corral-app-api", ClassLoader.getPlatformClassLoader());
        this.corral = corral;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (shared(name)) {
            return corral.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        return sharedResource(name) ? corral.getResource(name) : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return sharedResource(name) ? corral.getResources(name) : super.getResources(name);
    }

    private static boolean shared(String className) {
        for (String p : SHARED_PACKAGES) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sharedResource(String path) {
        return shared(path.replace('/', '.'));
    }
}
