package dev.corral.master;

import dev.corral.master.settings.Registry;
import dev.corral.master.settings.Settings;
import dev.corral.master.settings.SettingsException;
import dev.corral.worker.app.Handler;
import dev.corral.worker.loading.AppClasspath;
import dev.corral.worker.loading.AppLoader;
import dev.corral.worker.servlet.HandledTypes;
import dev.corral.worker.servlet.webxml.WebXml;
import dev.corral.worker.servlet.webxml.WebXmlException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Looks at what {@code app} and {@code app_classpath} name before anything is bound, so a
 * misspelt class name or a broken web.xml is one clear line at start-up (and on HUP) rather than
 * a row of workers failing to boot. The class must be a {@code Handler} or a {@code Servlet}
 * with a public no-argument constructor, or a class a {@code ServletContainerInitializer} on
 * the class path would be offered. Classes are loaded but never initialised: no code of the
 * application runs in the master; starting it is the worker's job (and its failure a boot failure).
 */
final class AppCheck {
    private static final String SERVLET = "jakarta.servlet.Servlet";

    private AppCheck() {
    }

    static void verify(Settings settings) throws SettingsException {
        String app = settings.get(Registry.APP);
        List<Path> given = settings.get(Registry.APP_CLASSPATH);
        AppClasspath classpath;
        try {
            classpath = AppClasspath.resolve(given);
        } catch (IllegalArgumentException e) {
            throw new SettingsException("app_classpath: " + e.getMessage());
        }
        checkWebXml(classpath);
        if (app == null) {
            return;
        }
        String resource = app.replace('.', '/') + ".class";
        ClassLoader loader;
        try {
            loader = AppLoader.classLoader(classpath.entries(), Main.class.getClassLoader());
        } catch (IllegalArgumentException e) {
            throw new SettingsException(e.getMessage());
        }
        try {
            if (loader.getResource(resource) == null) {
                throw new SettingsException("app: class '" + app + "' not found on the class path"
                        + (given.isEmpty() ? " (set app_classpath to the jar or folder that holds it)"
                        : " or app_classpath " + given));
            }
            checkShape(app, loader);
        } finally {
            closeQuietly(loader);
        }
    }

    private static void checkWebXml(AppClasspath classpath) throws SettingsException {
        Path xml = classpath.webXml();
        if (xml == null) {
            return;
        }
        try (InputStream in = Files.newInputStream(xml)) {
            WebXml.parse(in, xml.toString());
        } catch (IOException e) {
            throw new SettingsException("app_classpath: cannot read " + xml + ": " + e.getMessage());
        } catch (WebXmlException e) {
            throw new SettingsException("app_classpath: " + e.getMessage());
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
        boolean concrete = !type.isInterface() && !Modifier.isAbstract(type.getModifiers());
        if (concrete && (Handler.class.isAssignableFrom(type) || isServlet(type, loader))) {
            try {
                type.getConstructor();
                return;
            } catch (NoSuchMethodException e) {
                throw new SettingsException("app: class '" + app + "' has no public no-argument constructor");
            }
        }
        boolean handled;
        try {
            handled = HandledTypes.offeredWithoutRunning(type, loader);
        } catch (IOException | LinkageError e) {
            throw new SettingsException("app: cannot look for ServletContainerInitializers: " + e);
        }
        if (!handled) {
            throw new SettingsException("app: class '" + app + "' is not a " + Handler.class.getName()
                    + ", a " + SERVLET + ", or a class a ServletContainerInitializer on app_classpath handles"
                    + " (a Spring WebApplicationInitializer, a JAX-RS Application with its servlet container)");
        }
    }

    private static boolean isServlet(Class<?> type, ClassLoader loader) {
        try {
            return Class.forName(SERVLET, false, loader).isAssignableFrom(type);
        } catch (ClassNotFoundException e) {
            return false;
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
