package dev.corral.worker.servlet;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.annotation.HandlesTypes;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;

/**
 * Whether a {@link ServletContainerInitializer}'s {@code @HandlesTypes} takes a class: a
 * subtype of a named type, or a class carrying a named annotation. Instead of a class-path scan,
 * the class named by {@code app} is the one offered. Pure logic; no logger, so that the master,
 * which asks before its logging is set up, starts none.
 */
public final class HandledTypes {
    private HandledTypes() {
    }

    static boolean offered(Class<?> type, ServletContainerInitializer sci) {
        HandlesTypes handles = sci.getClass().getAnnotation(HandlesTypes.class);
        return handles != null && matches(type, handles);
    }

    /**
     * Whether an initializer on {@code loader}'s class path would be offered {@code type}, found
     * as {@code ServiceLoader} finds them but loaded without being initialised or created: the
     * master asks this, and must run none of the application's code.
     */
    public static boolean offeredWithoutRunning(Class<?> type, ClassLoader loader) throws IOException {
        Enumeration<URL> files = loader.getResources("META-INF/services/" + ServletContainerInitializer.class.getName());
        while (files.hasMoreElements()) {
            try (InputStream in = files.nextElement().openStream()) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String name = line.replaceAll("#.*", "").trim();
                    if (!name.isEmpty() && offered(type, name, loader)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean offered(Class<?> type, String initializer, ClassLoader loader) {
        try {
            HandlesTypes handles = Class.forName(initializer, false, loader).getAnnotation(HandlesTypes.class);
            return handles != null && matches(type, handles);
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            // An initializer that cannot load here fails in the worker, with its own message.
            return false;
        }
    }

    private static boolean matches(Class<?> type, HandlesTypes handles) {
        for (Class<?> t : handles.value()) {
            if (t.isAnnotation() ? type.isAnnotationPresent(t.asSubclass(Annotation.class))
                    : t != type && t.isAssignableFrom(type)) {
                return true;
            }
        }
        return false;
    }
}
