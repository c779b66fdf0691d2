package dev.corral.master;

import dev.corral.master.settings.Registry;
import dev.corral.master.settings.Settings;
import dev.corral.master.settings.SettingsException;
import dev.corral.worker.app.Handler;
import dev.corral.worker.loading.AppLoader;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;

/**
 * Looks for the {@code app} class before anything is bound, so a misspelt class name is one clear
 * line at start-up rather than a row of workers failing to boot: the class must exist, implement
 * {@code Handler} and have a public no-argument constructor. It is loaded but never initialised;
 * constructing the app is the worker's job (and its failure a boot failure).
 */
final class AppCheck {
    private AppCheck() {
    }

    static void verify(Settings settings) throws SettingsException {
        String app = settings.get(Registry.APP);
        if (app == null) {
            return;
        }
        List<Path> classpath = settings.get(Registry.APP_CLASSPATH);
        String resource = app.replace('.', '/') + ".class";
        ClassLoader loader;
        try {
            loader = AppLoader.classLoader(classpath, Main.class.getClassLoader());
        } catch (IllegalArgumentException e) {
            throw new SettingsException(e.getMessage());
        }
        try {
            if (loader.getResource(resource) == null) {
                throw new SettingsException("app: class '" + app + "' not found on the class path"
                        + (classpath.isEmpty() ? " (set app_classpath to the jar or folder that holds it)"
                        : " or app_classpath " + classpath));
            }
            checkShape(app, loader);
        } finally {
            closeQuietly(loader);
        }
    }

    // Loaded, never initialised: no code of the application runs in the master.
    private static void checkShape(String app, ClassLoader loader) throws SettingsException {
        Class<?> type;
        try {
            type = Class.forName(app, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new SettingsException("app: class '" + app + "' cannot be loaded: " + e);
        }
        if (!Handler.class.isAssignableFrom(type) || type.isInterface()
                || Modifier.isAbstract(type.getModifiers())) {
            throw new SettingsException("app: class '" + app + "' is not a class implementing "
                    + Handler.class.getName());
        }
        try {
            type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new SettingsException("app: class '" + app + "' has no public no-argument constructor");
        }
    }

    // Only a loader of our own holds open jar files; the master's own loader stays open.
    private static void closeQuietly(ClassLoader loader) {
        if (loader instanceof URLClassLoader own && loader != Main.class.getClassLoader()) {
            try {
                own.close();
            } catch (IOException ignored) {
                // Nothing was written through it; a jar left open until exit harms no one.
            }
        }
    }
}
