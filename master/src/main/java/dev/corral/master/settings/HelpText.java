package dev.corral.master.settings;

import java.util.List;
import java.util.Set;

/** The {@code --help} output, generated from the registry. */
public final class HelpText {
    /** The words that make the command line a control command rather than a server to run. */
    public static final Set<String> CONTROL_COMMANDS = Set.of("status", "top", "reload", "stop", "scale");

    private static final int WIDTH = 80;
    private static final String INDENT = "      ";

    private HelpText() {
    }

    public static String render() {
        StringBuilder out = new StringBuilder();
        out.append("usage: corral [-c CONFIG] [OPTIONS] [APP]\n");
        out.append("       corral status [--json]|top [-n N]|reload|stop|scale N [-c CONFIG | -p PIDFILE]\n\n");
        out.append("A pre-fork HTTP server for the JVM. Settings come from the config file, then\n");
        out.append("CORRAL_<NAME> environment variables, then these options; later wins. A yes/no\n");
        out.append("option takes no separate value: --demo-crash, --no-demo-crash, --demo-crash=false.\n");
        Registry.bySection().forEach((section, settings) -> {
            out.append('\n').append(section).append(":\n");
            settings.forEach(s -> describe(s, out));
        });
        out.append("\nGunicorn options Corral does not take (each is refused with this advice):\n");
        NotInCorral.all().forEach(n -> {
            wrap(String.join(", ", n.flags()), "  ", out);
            wrap(n.advice(), INDENT, out);
        });
        out.append("\n  -h, --help       this text\n  -v, --version    the version\n");
        return out.toString();
    }

    private static void describe(Setting<?> s, StringBuilder out) {
        String flags = String.join(", ", s.flags()) + (s.switchFlag() ? "" : " " + s.metavar());
        out.append("  ").append(flags).append('\n');
        StringBuilder text = new StringBuilder(s.doc());
        if (s.action()) {
            wrap(text.append(" (command line only)").toString(), out);
            return;
        }
        text.append(" Allowed: ").append(s.allowed()).append('.');
        if (s == Registry.WORKERS) {
            text.append(" Default: the number of cores (").append(s.defaultText()).append(" here).");
        } else if (!s.defaultText().isEmpty()) {
            text.append(" Default: ").append(s.defaultText()).append('.');
        }
        text.append(" (").append(s.name()).append(", ").append(s.envVar()).append(')');
        wrap(text.toString(), out);
    }

    // Word-wrapped at WIDTH; a word longer than a line (a long default) gets a line of its own.
    private static void wrap(String text, StringBuilder out) {
        wrap(text, INDENT, out);
    }

    private static void wrap(String text, String indent, StringBuilder out) {
        int lineLength = 0;
        for (String word : List.of(text.split(" "))) {
            if (lineLength > 0 && lineLength + 1 + word.length() > WIDTH) {
                out.append('\n');
                lineLength = 0;
            }
            if (lineLength == 0) {
                out.append(indent).append(word);
                lineLength = indent.length() + word.length();
            } else {
                out.append(' ').append(word);
                lineLength += 1 + word.length();
            }
        }
        out.append('\n');
    }
}
