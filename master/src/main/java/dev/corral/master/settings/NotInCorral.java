package dev.corral.master.settings;

import java.util.List;
import java.util.Optional;

/**
 * Gunicorn's options that Corral does not take, each with what to use instead. One table for the
 * command line, the config file, the environment, {@code --help} and docs/settings.md: a Gunicorn
 * user's habit then meets advice rather than "unknown option", and every place says the same.
 *
 * @param names Gunicorn's setting names, as a config file would spell them
 * @param flags Gunicorn's command-line flags for them
 * @param takesValue whether a short flag may carry its value attached ({@code -kgevent}); false
 *     for {@code -D}, so that a JVM-style {@code -Dname=value} stays an unknown option
 * @param advice what to use instead, as the error and the docs say it
 */
public record NotInCorral(List<String> names, List<String> flags, boolean takesValue, String advice) {
    private static final List<NotInCorral> ALL = List.of(
            new NotInCorral(List.of("reload", "reload_engine", "reload_extra_files"),
                    List.of("--reload", "--reload-engine", "--reload-extra-file"), true,
                    "send HUP instead (kill -HUP <pid>, or corral reload): new workers load the app"
                            + " and settings afresh, then the old ones retire gracefully"),
            new NotInCorral(List.of("daemon"), List.of("-D", "--daemon"), false,
                    "Corral stays in the foreground: run it under systemd, or nohup ./scripts/corral ... &"),
            new NotInCorral(List.of("preload_app"), List.of("--preload"), false,
                    "each worker loads the app itself, so a reload picks up a new jar; a JVM cannot fork,"
                            + " so there is nothing to preload into"),
            new NotInCorral(List.of("worker_class"), List.of("-k", "--worker-class"), true,
                    "Corral's workers are Netty epoll JVMs, one kind only; --threads sets their handler threads"),
            new NotInCorral(List.of("ssl_version"), List.of("--ssl-version"), true,
                    "not needed: Corral offers TLS 1.2 and 1.3 and refuses older versions (Gunicorn deprecates it too)"),
            new NotInCorral(List.of("do_handshake_on_connect", "suppress_ragged_eofs"),
                    List.of("--do-handshake-on-connect", "--suppress-ragged-eofs"), true,
                    "not needed: Corral always completes the handshake first (with a deadline) and treats a ragged EOF as a close"),
            new NotInCorral(List.of("raw_env"), List.of("-e", "--env"), true,
                    "set the variable in Corral's own environment (FOO=1 ./scripts/corral ...): workers inherit it"),
            new NotInCorral(List.of("proc_name"), List.of("-n", "--name"), true,
                    "a JVM cannot rename its process; tell masters apart by their pidfile (-p) or bind"),
            new NotInCorral(List.of("pythonpath"), List.of("--pythonpath"), true,
                    "use --app-classpath: jars or folders, separated by : or ,"),
            new NotInCorral(List.of("worker_tmp_dir"), List.of("--worker-tmp-dir"), true,
                    "not needed: a worker's heartbeat travels over its connection to the master, not through a file"),
            new NotInCorral(List.of("enable_stdio_inheritance"), List.of("-R", "--enable-stdio-inheritance"), false,
                    "not needed: Corral never daemonizes, and its workers always share its standard output and error"),
            new NotInCorral(List.of("syslog", "syslog_addr", "syslog_prefix", "syslog_facility",
                            "disable_redirect_access_to_syslog"),
                    List.of("--log-syslog", "--log-syslog-to", "--log-syslog-prefix", "--log-syslog-facility",
                            "--disable-redirect-access-to-syslog"), true,
                    "log to standard error (--error-logfile -) and let journald or syslog collect it"),
            new NotInCorral(List.of("logger_class", "logconfig", "logconfig_dict", "logconfig_json"),
                    List.of("--logger-class", "--log-config", "--log-config-dict", "--log-config-json"), true,
                    "Corral's logging is --log-level, --error-logfile, --access-logfile and --access-logformat"),
            new NotInCorral(List.of("paste", "raw_paste_global_conf"), List.of("--paste", "--paster", "--paste-global"),
                    true, "PasteDeploy is Python's: name the application class with --app (or as the argument)"));

    public NotInCorral {
        names = List.copyOf(names);
        flags = List.copyOf(flags);
    }

    /** Every row, in the order --help and the docs list them. */
    public static List<NotInCorral> all() {
        return ALL;
    }

    /** The row of a flag as typed ({@code --reload}), if Gunicorn has it and Corral does not. */
    static Optional<NotInCorral> byFlag(String flag) {
        return ALL.stream().filter(n -> n.flags.contains(flag)).findFirst();
    }

    /** The row of a short flag with its value attached ({@code -kgevent}). */
    static Optional<NotInCorral> byAttachedShortFlag(String arg) {
        return arg.length() > 2 && !arg.startsWith("--")
                ? byFlag(arg.substring(0, 2)).filter(NotInCorral::takesValue)
                : Optional.empty();
    }

    /** The row of a setting name as a config file or environment variable spells it. */
    static Optional<NotInCorral> byName(String name) {
        String normal = name.trim().replace('-', '_');
        return ALL.stream().filter(n -> n.names.contains(normal)).findFirst();
    }

    /** The one-line error for a flag of this row given on the command line. */
    String onCommandLine(String flag) {
        return flag + " is a Gunicorn option Corral does not take: " + advice;
    }

    /** The one-line error for a setting of this row given in a config file or the environment. */
    String asSetting(String name, String where) {
        return name + " is a Gunicorn setting Corral does not take (" + where + "): " + advice;
    }
}
