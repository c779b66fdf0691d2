package dev.corral.master.settings;

/** A setting that cannot be used; the message is the one line a user reads. */
public final class SettingsException extends Exception {
    public SettingsException(String message) {
        super(message.replace('\n', ' '));
    }
}
