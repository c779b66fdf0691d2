package dev.corral.master;

import dev.corral.master.settings.Registry;
import dev.corral.master.settings.Settings;
import dev.corral.master.settings.SettingsException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;

/**
 * Looks for the {@code app} class before anything is bound, so a misspelt class name is one clear
 * line at start-up rather than a row of workers failing to boot. It only finds the class file:
 * loading and constructing the app is the worker's job (and its failure a boot failure).
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
        try (URLClassLoader loader = new URLClassLoader(urls(classpath), Main.class.getClassLoader())) {
            if (loader.getResource(resource) == null) {
                throw new SettingsException("app: class '" + app + "' not found on the class path"
                        + (classpath.isEmpty() ? " (set app_classpath to the jar or folder that holds it)"
                        : " or app_classpath " + classpath));
            }
        } catch (java.io.IOException e) {
            throw new SettingsException("app_classpath: cannot read " + classpath + ": " + e.getMessage());
        }
    }

    private static URL[] urls(List<Path> classpath) throws SettingsException {
        URL[] urls = new URL[classpath.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = classpath.get(i).toAbsolutePath().toUri().toURL();
            } catch (MalformedURLException e) {
                throw new SettingsException("app_classpath: '" + classpath.get(i) + "' is not a usable path");
            }
        }
        return urls;
    }
}
