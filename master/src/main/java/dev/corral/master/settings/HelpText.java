package dev.corral.master.settings;

/** The {@code --help} output, generated from the registry. */
public final class HelpText {
    private HelpText() {
    }

    public static String render() {
        StringBuilder out = new StringBuilder();
        out.append("usage: corral [-c CONFIG] [OPTIONS] [APP]\n");
        out.append("       corral status|reload|stop|scale N [-c CONFIG | -p PIDFILE]\n\n");
        out.append("A pre-fork HTTP server for the JVM. Settings come from the config file, then\n");
        out.append("CORRAL_<NAME> environment variables, then these options; later wins.\n");
        String section = "";
        for (Setting<?> s : Registry.all()) {
            if (!s.section().equals(section)) {
                section = s.section();
                out.append('\n').append(section).append(":\n");
            }
            String flags = String.join(", ", s.flags()) + (s.switchFlag() ? "" : " " + s.metavar());
            out.append("  ").append(flags).append('\n');
            out.append("      ").append(s.doc());
            if (!s.defaultText().isEmpty()) {
                out.append(" [default: ").append(s.defaultText()).append(']');
            }
            out.append(" (").append(s.name()).append(", ").append(s.envVar()).append(")\n");
        }
        out.append("\n  -h, --help       this text\n  -v, --version    the version\n");
        return out.toString();
    }
}
