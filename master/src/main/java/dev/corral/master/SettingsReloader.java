package dev.corral.master;

import dev.corral.master.settings.Registry;
import dev.corral.master.settings.Setting;
import dev.corral.master.settings.Settings;
import dev.corral.master.settings.SettingsException;
import dev.corral.master.settings.SettingsLoader;
import dev.corral.master.supervisor.Reloader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HUP: reads the same command line, config file and environment again and checks the result as
 * at start-up. Settings that only a restart can change keep their running values, with a warning.
 */
final class SettingsReloader implements Reloader {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsReloader.class);

    private final List<String> args;
    private final Map<String, String> env;

    SettingsReloader(List<String> args, Map<String, String> env) {
        this.args = List.copyOf(args);
        this.env = Map.copyOf(env);
    }

    @Override
    public Outcome reload(Settings current) {
        Settings fresh;
        try {
            fresh = SettingsLoader.load(args, env);
            AppCheck.verify(fresh);
            TlsCheck.verify(fresh);
        } catch (SettingsException e) {
            return new Outcome(null, e.getMessage());
        }
        Map<String, Object> merged = new HashMap<>(fresh.values());
        for (Setting<?> s : Registry.all()) {
            if (s.restartRequired() && !Objects.equals(current.get(s), fresh.get(s))) {
                LOG.warn("{} changed to {}; it takes effect only after a restart (still {})",
                        s.name(), text(s, fresh), text(s, current));
                merged.put(s.name(), current.values().get(s.name()));
            }
        }
        return new Outcome(new Settings(merged), null);
    }

    // As a config file spells it (umask 007, not 7).
    private static String text(Setting<?> s, Settings settings) {
        Object v = settings.values().get(s.name());
        return v == null ? "(unset)" : s.format(v);
    }
}
