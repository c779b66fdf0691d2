package dev.corral.master.settings;

/** The settings reference, docs/settings.md, generated from the registry. */
public final class SettingsDoc {
    private SettingsDoc() {
    }

    public static String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("# Settings\n\n");
        out.append("<!-- Generated from the settings registry (Registry.java); do not edit by hand.\n");
        out.append("     Regenerate: mvn -pl master test -Dtest=SettingsDocTest -Dcorral.updateDocs=true -->\n\n");
        out.append("Every setting can be given in three places; later wins:\n\n");
        out.append("1. the config file named by `-c CONFIG` (`name = value` lines and `#` comment lines; dashes may stand for underscores),\n");
        out.append("2. an environment variable `CORRAL_<NAME>` (`CORRAL_WORKERS=4`),\n");
        out.append("3. the command line (`-w 4`, `--workers=4`).\n\n");
        out.append("A yes/no setting's flag takes no separate value, as Gunicorn's do: `--demo-crash` is true, `--no-demo-crash` false, and `--demo-crash=false` (or `true`, `yes`, `no`, `on`, `off`, `1`, `0`) says it outright; `--demo-crash false` is refused, not read as the app `false`.\n");
        out.append("For `bind`, the latest source that sets it replaces the earlier ones; within one source the values add up.\n");
        out.append("A bad value, an unknown key in the config file or an unknown `CORRAL_` variable stops the master before it binds anything, with one line naming it.\n");
        out.append("`HUP` (or `corral reload`) re-reads them all; the ones marked *restart* keep their running value until a restart.\n");
        Registry.bySection().forEach((section, settings) -> {
            out.append("\n## ").append(section).append("\n");
            settings.forEach(s -> describe(s, out));
        });
        out.append("\n## Gunicorn options Corral does not take\n\n");
        out.append("Each is refused, on the command line, in a config file or as a `CORRAL_` variable, with one line saying what to use instead:\n\n");
        out.append("| command line | config file | instead |\n| --- | --- | --- |\n");
        NotInCorral.all().forEach(n -> out.append("| `").append(String.join("`, `", n.flags())).append("` | `")
                .append(String.join("`, `", n.names())).append("` | ").append(n.advice()).append(" |\n"));
        return out.toString();
    }

    private static void describe(Setting<?> s, StringBuilder out) {
        out.append("\n### `").append(s.name()).append("`\n\n");
        out.append(s.doc()).append("\n\n");
        out.append("| | |\n| --- | --- |\n");
        out.append("| command line | `").append(String.join("`, `", s.flags())).append("` |\n");
        if (s.action()) {
            out.append("| elsewhere | no: only on the command line, not in a config file or the environment |\n");
            return;
        }
        out.append("| environment | `").append(s.envVar()).append("` |\n");
        out.append("| allowed | ").append(s.allowed()).append(" |\n");
        out.append("| default | ").append(defaultOf(s)).append(" |\n");
        out.append("| on reload | ").append(s.restartRequired() ? "*restart* needed" : "applied").append(" |\n");
    }

    // The workers default is this machine's core count: the docs say so rather than a number.
    private static String defaultOf(Setting<?> s) {
        if (s == Registry.WORKERS) {
            return "the number of cores";
        }
        return s.defaultText().isEmpty() ? "unset" : "`" + s.defaultText() + "`";
    }
}
