package dev.corral.master.settings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the settings from their sources, later winning: defaults, the config file
 * ({@code -c}), {@code CORRAL_*} environment variables, the command line. Every value is checked;
 * the first bad one is a {@link SettingsException} naming it.
 */
public final class SettingsLoader {
    private SettingsLoader() {
    }

    public static boolean wantsHelp(List<String> args) {
        return args.contains("-h") || args.contains("--help");
    }

    public static boolean wantsVersion(List<String> args) {
        return args.contains("-v") || args.contains("--version");
    }

    /** Parses the command line, reads the config file it names, the environment, and checks everything. */
    public static Settings load(List<String> args, Map<String, String> env) throws SettingsException {
        List<Assignment> cli = CommandLine.parse(args);
        List<Assignment> all = new ArrayList<>();
        String config = cli.stream().filter(a -> a.setting() == Registry.CONFIG).map(Assignment::text)
                .reduce((first, last) -> last).orElse(env.get(Registry.CONFIG.envVar()));
        if (config != null && !config.isBlank()) {
            all.addAll(ConfigFile.read(java.nio.file.Path.of(config.trim())));
        }
        for (Setting<?> s : Registry.all()) {
            String v = env.get(s.envVar());
            if (v != null && s != Registry.CONFIG) {
                all.add(new Assignment(s, v, "env", "in environment variable " + s.envVar()));
            }
        }
        all.addAll(cli);
        return new Settings(resolve(all));
    }

    private static Map<String, Object> resolve(List<Assignment> assignments) throws SettingsException {
        Map<String, Object> values = new HashMap<>();
        for (Setting<?> s : Registry.all()) {
            values.put(s.name(), s.parse(s.defaultText()));
        }
        Map<Setting<?>, String> lastSource = new HashMap<>();
        for (Assignment a : assignments) {
            Setting<?> s = a.setting();
            Object value = check(a);
            boolean accumulate = s.repeatable() && a.source().equals(lastSource.get(s));
            if (accumulate) {
                List<Object> joined = new ArrayList<>((List<?>) values.get(s.name()));
                joined.addAll((List<?>) value);
                value = List.copyOf(joined);
            }
            values.put(s.name(), value);
            lastSource.put(s, a.source());
        }
        return values;
    }

    private static Object check(Assignment a) throws SettingsException {
        try {
            return a.setting().parse(a.text());
        } catch (IllegalArgumentException e) {
            throw new SettingsException(a.setting().name() + ": '" + a.text() + "' is not allowed ("
                    + a.where() + "): " + e.getMessage());
        }
    }
}
