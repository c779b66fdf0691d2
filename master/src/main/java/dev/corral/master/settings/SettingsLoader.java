package dev.corral.master.settings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the settings from their sources, later winning: defaults, the config file
 * ({@code -c}), {@code CORRAL_*} environment variables, the command line. Every value is checked;
 * the first bad one is a {@link SettingsException} naming it.
 */
public final class SettingsLoader {
    /** The PaaS variable Gunicorn takes its default worker count from. */
    static final String WEB_CONCURRENCY = "WEB_CONCURRENCY";

    private static final String ENV_PREFIX = "CORRAL_";
    /** The launcher's own variables (scripts/corral), not settings. */
    // Not settings: the launcher's own, and the one an upgrading master sets for its successor.
    private static final Set<String> LAUNCHER_VARIABLES = Set.of("CORRAL_SKIP_BUILD", "CORRAL_MASTER_JVM_OPTIONS",
            "CORRAL_UPGRADE_FROM");
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
        // As Gunicorn reads it, set by PaaS hosts: the worker count when nothing else sets one.
        String webConcurrency = env.get(WEB_CONCURRENCY);
        if (webConcurrency != null) {
            all.add(new Assignment(Registry.WORKERS, webConcurrency, "platform",
                    "in environment variable " + WEB_CONCURRENCY));
        }
        String config = cli.stream().filter(a -> a.setting() == Registry.CONFIG).map(Assignment::text)
                .reduce((first, last) -> last).orElse(env.get(Registry.CONFIG.envVar()));
        if (config != null && !config.isBlank()) {
            all.addAll(ConfigFile.read(java.nio.file.Path.of(config.trim())));
        }
        for (Setting<?> s : Registry.all()) {
            String v = env.get(s.envVar());
            if (v != null && !s.commandLineOnly()) {
                all.add(new Assignment(s, v, "env", "in environment variable " + s.envVar()));
            }
        }
        checkEnvironmentNames(env);
        all.addAll(cli);
        // chdir first: the other paths are read from it.
        Assignment chdir = all.stream().filter(a -> a.setting() == Registry.CHDIR).reduce((first, last) -> last).orElse(null);
        if (chdir != null) {
            java.nio.file.Path dir = (java.nio.file.Path) check(chdir);
            if (dir != null) {
                all = Chdir.under(dir, all);
            }
        }
        return new Settings(resolve(all));
    }

    // A misspelt CORRAL_ variable would otherwise be ignored without a word, as a misspelt key in
    // the config file is not.
    private static void checkEnvironmentNames(Map<String, String> env) throws SettingsException {
        for (String name : env.keySet()) {
            var action = Registry.all().stream().filter(s -> s.action() && s.envVar().equals(name)).findFirst();
            if (action.isPresent()) {
                throw new SettingsException(action.get().flags().get(0) + " is only for the command line, not "
                        + "the environment (" + name + ")");
            }
            if (name.startsWith(ENV_PREFIX) && !LAUNCHER_VARIABLES.contains(name)
                    && Registry.all().stream().noneMatch(s -> s.envVar().equals(name))) {
                String setting = name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT);
                var gunicorns = NotInCorral.byName(setting);
                if (gunicorns.isPresent()) {
                    throw new SettingsException(gunicorns.get().asSetting(setting, "environment variable " + name));
                }
                throw new SettingsException("unknown setting in environment variable " + name
                        + Suggestions.didYouMean(name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT)));
            }
        }
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
