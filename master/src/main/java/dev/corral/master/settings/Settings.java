package dev.corral.master.settings;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings in force: one value per setting of the {@link Registry}, by name. Immutable.
 *
 * @param values each setting's value by name; {@code null} for an unset optional one
 */
public record Settings(Map<String, Object> values) {

    /** Takes an unmodifiable copy (which may hold nulls, for unset optional settings). */
    public Settings {
        values = Collections.unmodifiableMap(new HashMap<>(values));
    }

    /** The value of one setting. */
    public <T> T get(Setting<T> setting) {
        @SuppressWarnings("unchecked")
        T value = (T) values.get(setting.name());
        return value;
    }

    /**
     * Every value in its canonical text, by name, in registry order, an unset optional one as
     * empty text (which reads back as unset): what workers receive, all of it, so that a worker
     * never needs a default of its own. Command-line-only settings (the config file's name,
     * --check-config) are not among them.
     */
    public Map<String, String> toStrings() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Setting<?> s : Registry.all()) {
            Object v = values.get(s.name());
            if (!s.commandLineOnly()) {
                out.put(s.name(), v == null ? "" : s.format(v));
            }
        }
        return out;
    }
}
