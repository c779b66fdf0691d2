package dev.corral.master.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped config files load, server.properties shows every setting, and a file sets each once. */
class ConfigFilesTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void serverPropertiesLoadsAndMentionsEverySetting() throws Exception {
        Path server = ROOT.resolve("config/server.properties");
        SettingsLoader.load(List.of("-c", server.toString()), Map.of());
        String text = Files.readString(server);
        for (Setting<?> s : Registry.all()) {
            if (s.commandLineOnly()) {
                continue;
            }
            assertTrue(Pattern.compile("(?m)^#? ?" + s.name() + " =").matcher(text).find(),
                    "config/server.properties mentions " + s.name());
        }
    }

    @Test
    void demoPropertiesIsThreeWorkersWithCrashOn() throws Exception {
        Settings s = SettingsLoader.load(List.of("-c", ROOT.resolve("config/demo.properties").toString()), Map.of());
        assertEquals(3, s.get(Registry.WORKERS));
        assertTrue(s.get(Registry.DEMO_CRASH));
    }

    @Test
    void aSettingSetTwiceIsRefusedWithBothLines(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("x.properties"), "# two\nthreads = 2\nworkers = 2\n\nworkers = 4\n");
        SettingsException e = assertThrows(SettingsException.class,
                () -> SettingsLoader.load(List.of("-c", file.toString()), Map.of()));
        assertEquals("workers: set twice in " + file + " (lines 3 and 5)", e.getMessage());
    }
}
