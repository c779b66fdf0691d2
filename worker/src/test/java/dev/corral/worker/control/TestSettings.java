package dev.corral.worker.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings for worker tests: the registry's defaults (from {@code registry-defaults.conf},
 * generated from the master's registry and kept true by the master's WorkerDefaultsTest), with
 * a test's overrides. The worker has no defaults of its own to fall back on.
 */
public final class TestSettings {
    private static final Map<String, String> DEFAULTS = load();

    private TestSettings() {
    }

    /** The defaults with {@code overrides}; a name the worker does not read is a test bug. */
    public static Map<String, String> with(Map<String, String> overrides) {
        Map<String, String> out = new LinkedHashMap<>(DEFAULTS);
        overrides.forEach((name, value) -> {
            if (!out.containsKey(name)) {
                throw new IllegalArgumentException("not a worker setting: " + name);
            }
            out.put(name, value);
        });
        return out;
    }

    /** The worker's settings with {@code overrides}. */
    public static WorkerSettings settings(Map<String, String> overrides) {
        return WorkerSettings.from(with(overrides));
    }

    /** The worker's settings as the master sends them by default. */
    public static WorkerSettings defaults() {
        return settings(Map.of());
    }

    private static Map<String, String> load() {
        try (InputStream in = TestSettings.class.getResourceAsStream("/registry-defaults.conf")) {
            Map<String, String> out = new LinkedHashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                int eq = line.indexOf(" = ");
                if (!line.startsWith("#") && eq > 0) {
                    out.put(line.substring(0, eq), line.substring(eq + 3));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
