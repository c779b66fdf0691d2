package dev.corral.master.log;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Log lines in Gunicorn's shape: {@code [2026-11-25 01:19:28 +0000] [INFO] Booting worker with
 * pid: 4242} (warnings read {@code [WARN]}: slf4j-simple 2.0 ignores its warnLevelString). slf4j-simple reads these properties once, at its first use, so the master sets
 * them before anything logs and hands the same ones to every worker.
 */
public final class Logging {
    private Logging() {
    }

    /** The slf4j-simple properties for a {@code loglevel} setting. */
    public static Map<String, String> properties(String loglevel) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("org.slf4j.simpleLogger.defaultLogLevel", slf4jLevel(loglevel));
        p.put("org.slf4j.simpleLogger.showDateTime", "true");
        p.put("org.slf4j.simpleLogger.dateTimeFormat", "'['yyyy-MM-dd HH:mm:ss Z']'");
        p.put("org.slf4j.simpleLogger.showThreadName", "false");
        p.put("org.slf4j.simpleLogger.showLogName", "false");
        p.put("org.slf4j.simpleLogger.showShortLogName", "false");
        p.put("org.slf4j.simpleLogger.levelInBrackets", "true");
        // Netty's own chatter stays out of an info log.
        p.put("org.slf4j.simpleLogger.log.io.netty", "warn");
        return p;
    }

    /** Applies the properties to this JVM; call before the first logger is created. */
    public static void configure(String loglevel) {
        properties(loglevel).forEach(System::setProperty);
    }

    private static String slf4jLevel(String loglevel) {
        return switch (loglevel.toLowerCase(Locale.ROOT)) {
            case "debug" -> "debug";
            case "warning" -> "warn";
            case "error", "critical" -> "error";
            default -> "info";
        };
    }
}
