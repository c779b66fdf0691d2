package dev.corral.master.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the command line: Gunicorn-style flags ({@code -w 3}, {@code --workers=3}) and one positional app. */
final class CommandLine {
    private CommandLine() {
    }

    static List<Assignment> parse(List<String> args) throws SettingsException {
        List<Assignment> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("-") || arg.equals("-")) {
                // No app class is spelt like a control command: this one is out of place.
                if (HelpText.CONTROL_COMMANDS.contains(arg)) {
                    throw new SettingsException("'" + arg + "' is a command and comes first: corral " + arg
                            + ("scale".equals(arg) ? " N" : "") + " [-c CONFIG | -p PIDFILE]");
                }
                if (out.stream().anyMatch(a -> a.setting() == Registry.APP && a.where().equals("argument"))) {
                    throw new SettingsException("unexpected argument '" + arg + "': only one app may be named");
                }
                out.add(new Assignment(Registry.APP, arg, "cli", "argument"));
                continue;
            }
            String flag = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                flag = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            Optional<Setting<?>> found = byFlag(flag);
            if (found.isEmpty() && !arg.startsWith("--") && arg.length() > 2) {
                // -w3: a short flag with its value attached.
                flag = arg.substring(0, 2);
                value = arg.substring(2);
                found = byFlag(flag);
            }
            if (found.isEmpty()) {
                String typed = flag;
                Optional<NotInCorral> gunicorns = NotInCorral.byFlag(arg.startsWith("--") ? flag : arg)
                        .or(() -> NotInCorral.byAttachedShortFlag(arg));
                if (gunicorns.isPresent()) {
                    throw new SettingsException(gunicorns.get().onCommandLine(typed));
                }
            }
            Setting<?> s = found.orElseThrow(() -> new SettingsException("unknown option '" + arg + "' (see --help)"));
            if (s.switchFlag()) {
                value = switchValue(s, flag, value, i + 1 < args.size() ? args.get(i + 1) : null);
            } else if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new SettingsException(flag + " needs a value: " + s.allowed());
                }
                value = args.get(++i);
            }
            out.add(new Assignment(s, value, "cli", "option " + flag));
        }
        return out;
    }

    // A boolean flag never takes the next argument: "--demo-crash false" once made "false" the app.
    // A true/false word there was meant as the flag's value, so it is refused rather than misread.
    private static String switchValue(Setting<?> s, String flag, String attached, String next)
            throws SettingsException {
        boolean negated = s.negates(flag);
        String positive = negated ? "--" + flag.substring("--no-".length()) : flag;
        if (negated && attached != null) {
            throw new SettingsException(flag + " takes no value: write " + flag + " alone, or " + positive
                    + "=true or =false");
        }
        if (attached == null && next != null && Parsers.isBool(next)) {
            throw new SettingsException(flag + " takes no separate value: write " + positive + "=" + next
                    + (positive.startsWith("--") ? " (" + positive + " alone is true, --no-" + positive.substring(2)
                            + " false)" : ""));
        }
        return attached != null ? attached : negated ? "false" : "true";
    }

    private static Optional<Setting<?>> byFlag(String flag) {
        return Registry.all().stream().filter(s -> s.flags().contains(flag)).findFirst();
    }
}
