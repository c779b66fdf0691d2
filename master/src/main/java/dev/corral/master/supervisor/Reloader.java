package dev.corral.master.supervisor;

import dev.corral.master.settings.Settings;

/** Reads and checks the settings again, for a reload; the loop applies them only when they pass. */
@FunctionalInterface
public interface Reloader {

    /** The new settings, or why they were refused (one line). */
    record Outcome(Settings settings, String error) {
    }

    Outcome reload(Settings current);
}
