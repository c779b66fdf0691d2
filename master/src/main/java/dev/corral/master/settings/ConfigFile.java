package dev.corral.master.settings;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads a config file: {@code name = value} lines, {@code #} comments and blank lines. */
final class ConfigFile {
    private static final Pattern INLINE_COMMENT = Pattern.compile("\\s#");

    private ConfigFile() {
    }

    static List<Assignment> read(Path file) throws SettingsException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new SettingsException("cannot read config file '" + file + "': no such file");
        } catch (AccessDeniedException e) {
            throw new SettingsException("cannot read config file '" + file + "': permission denied");
        } catch (IOException e) {
            throw new SettingsException("cannot read config file '" + file + "': " + e.getMessage());
        }
        List<Assignment> out = new ArrayList<>();
        // The last value would win silently, and the one a reader finds first may be the other;
        // a repeatable setting (bind) adds up instead.
        Map<Setting<?>, Integer> firstLine = new HashMap<>();
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = file + " line " + n;
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new SettingsException(where + ": expected 'name = value'");
            }
            String key = line.substring(0, eq).strip();
            Setting<?> s = Registry.byName(key).orElseThrow(() -> unknown(key, where));
            if (s.commandLineOnly()) {
                throw new SettingsException(s.name() + " cannot be set inside a config file (" + where + ")");
            }
            Integer earlier = s.repeatable() ? null : firstLine.putIfAbsent(s, n);
            if (earlier != null) {
                throw new SettingsException(s.name() + ": set twice in " + file + " (lines " + earlier + " and " + n + ")");
            }
            String value = line.substring(eq + 1).strip();
            // Gunicorn's config is Python, where a comment may follow a value; here it would become
            // part of the value (a log file named "-  # stdout"), so it is refused instead.
            if (INLINE_COMMENT.matcher(value).find()) {
                throw new SettingsException(s.name() + ": '" + value + "' has a comment after the value (in "
                        + where + "): put comments on lines of their own");
            }
            out.add(new Assignment(s, value, "file", "in " + where));
        }
        return out;
    }

    private static SettingsException unknown(String key, String where) {
        return new SettingsException(NotInCorral.byName(key)
                .map(gunicorns -> gunicorns.asSetting(key, "in " + where))
                .orElse("unknown setting '" + key + "' in " + where + Suggestions.didYouMean(key)));
    }
}
