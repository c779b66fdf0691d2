package dev.corral.master.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shipped config files load, and server.properties shows every setting. */
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
}
