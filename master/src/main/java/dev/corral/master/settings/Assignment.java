package dev.corral.master.settings;

/**
 * One value given for a setting by one source, before it is checked.
 *
 * @param source where it came from: {@code file}, {@code env} or {@code cli}; later sources win
 * @param where how an error message points at it: {@code config/x.properties line 3}
 */
record Assignment(Setting<?> setting, String text, String source, String where) {
}
