package dev.corral.master.settings;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a config file: {@code name = value} lines, {@code #} comments and blank lines. */
final class ConfigFile {
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
            Setting<?> s = Registry.byName(key).orElseThrow(() -> new SettingsException(
                    "unknown setting '" + key + "' in " + where + Suggestions.didYouMean(key)));
            if (s.commandLineOnly()) {
                throw new SettingsException(s.name() + " cannot be set inside a config file (" + where + ")");
            }
            out.add(new Assignment(s, line.substring(eq + 1).strip(), "file", "in " + where));
        }
        return out;
    }
}
