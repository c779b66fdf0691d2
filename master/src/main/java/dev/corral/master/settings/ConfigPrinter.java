package dev.corral.master.settings;

/**
 * The settings in force written as a config file, for {@code --print-config}: read back with
 * {@code -c}, the output gives the same settings. Command-line-only settings are left out.
 */
public final class ConfigPrinter {
    private ConfigPrinter() {
    }

    public static String render(Settings settings, String version) {
        int width = Registry.all().stream().mapToInt(s -> s.name().length()).max().orElse(0);
        StringBuilder out = new StringBuilder();
        out.append("# corral ").append(version)
                .append(": every setting, from the defaults, the config file, the environment and the command line\n");
        for (Setting<?> s : Registry.all()) {
            if (s.commandLineOnly()) {
                continue;
            }
            String value = s.format(settings.get(s));
            out.append(String.format("%-" + width + "s = %s", s.name(), value).strip()).append('\n');
        }
        return out.toString();
    }
}
