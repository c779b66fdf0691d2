package dev.corral.master.supervisor;

import dev.corral.worker.control.ControlProtocol;

/** Describes how a worker process ended, as a user reads it in the log. */
final class ExitStatus {
    // Java reports a process killed by signal N as 128 + N.
    private static final String[] SIGNALS = {"", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE",
        "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM"};
    // What the JVM's -XX:+ExitOnOutOfMemoryError exits with; an application's own System.exit(3)
    // looks the same, so the log can only suggest it.
    static final int OUT_OF_MEMORY = 3;

    private ExitStatus() {
    }

    static String describe(int exitValue) {
        if (exitValue > 128 && exitValue < 128 + 65) {
            int signal = exitValue - 128;
            String name = signal < SIGNALS.length ? " (" + SIGNALS[signal] + ")" : "";
            return "on signal " + signal + name;
        }
        return switch (exitValue) {
            case OUT_OF_MEMORY -> "with code 3 (perhaps out of memory)";
            case ControlProtocol.EXIT_BOOT_FAILURE -> "with code " + exitValue + " (failed to boot)";
            default -> "with code " + exitValue;
        };
    }
}
