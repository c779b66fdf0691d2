package dev.corral.master.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Gunicorn option Corral does not take is refused with what to use instead, wherever it is given. */
class NotInCorralTest {
    @TempDir
    Path tmp;

    private static String refusal(Map<String, String> env, String... args) {
        SettingsException e = assertThrows(SettingsException.class, () -> SettingsLoader.load(List.of(args), env),
                String.join(" ", args) + " " + env);
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    private static String refusal(String... args) {
        return refusal(Map.of(), args);
    }

    @Test
    void eachGunicornFlagSaysWhatToUseInstead() {
        assertEquals("--reload is a Gunicorn option Corral does not take: send HUP instead (kill -HUP <pid>,"
                + " or corral reload): new workers load the app and settings afresh, then the old ones retire"
                + " gracefully", refusal("--reload"));
        assertTrue(refusal("-D").startsWith("-D is a Gunicorn option Corral does not take: Corral stays in the"
                + " foreground: run it under systemd"), refusal("-D"));
        assertTrue(refusal("--preload").contains("each worker loads the app itself"), refusal("--preload"));
        for (String[] args : List.of(new String[] {"-k", "gevent"}, new String[] {"-kgevent"},
                new String[] {"--worker-class=gevent"}, new String[] {"-w", "2", "--worker-class", "gthread"})) {
            String message = refusal(args);
            assertTrue(message.matches("(-k|--worker-class) is a Gunicorn option Corral does not take: .*--threads.*"),
                    message);
        }
        assertTrue(refusal("--ssl-version", "3").contains("TLS 1.2 and 1.3"));
        for (NotInCorral row : NotInCorral.all()) {
            for (String flag : row.flags()) {
                assertEquals(flag + " is a Gunicorn option Corral does not take: " + row.advice(), refusal(flag, "x"));
            }
        }
    }

    @Test
    void aJvmStyleSystemPropertyIsNotTakenForDaemon() {
        assertEquals("unknown option '-Dfoo=bar' (see --help)", refusal("-Dfoo=bar"));
    }

    @Test
    void gunicornSettingNamesInAConfigFileOrTheEnvironmentGetTheSameAdvice() throws Exception {
        for (String line : List.of("reload = true", "daemon = true", "preload_app = true", "preload-app = true",
                "worker_class = gevent")) {
            Path f = tmp.resolve("c" + System.nanoTime() + ".properties");
            Files.writeString(f, "workers = 2\n" + line + "\n");
            String key = line.substring(0, line.indexOf(' '));
            NotInCorral row = NotInCorral.byName(key).orElseThrow();
            assertEquals(key + " is a Gunicorn setting Corral does not take (in " + f + " line 2): " + row.advice(),
                    refusal("-c", f.toString()));
        }
        assertEquals("reload is a Gunicorn setting Corral does not take (environment variable CORRAL_RELOAD): "
                + NotInCorral.byFlag("--reload").orElseThrow().advice(), refusal(Map.of("CORRAL_RELOAD", "1")));
    }

    @Test
    void theTableNamesNothingCorralHas() throws Exception {
        for (NotInCorral row : NotInCorral.all()) {
            for (String name : row.names()) {
                assertTrue(Registry.byName(name).isEmpty(), name + " is a Corral setting: it belongs in the registry");
            }
            for (String flag : row.flags()) {
                assertTrue(Registry.all().stream().noneMatch(s -> s.flags().contains(flag)),
                        flag + " is a Corral flag: it belongs in the registry");
            }
        }
        assertEquals(5, SettingsLoader.load(List.of("--worker-connections", "5"), Map.of())
                .get(Registry.WORKER_CONNECTIONS), "Gunicorn's worker_connections is Corral's too");
    }

    @Test
    void helpAndTheDocsListEveryRowWithItsAdvice() {
        String help = HelpText.render().replaceAll("\\s+", " ");
        String doc = SettingsDoc.markdown();
        assertTrue(doc.contains("## Gunicorn options Corral does not take"));
        for (NotInCorral row : NotInCorral.all()) {
            assertTrue(help.contains(String.join(", ", row.flags()) + " " + row.advice()), row.flags().toString());
            assertTrue(doc.contains("`" + String.join("`, `", row.flags()) + "` | `" + String.join("`, `", row.names())
                    + "` | " + row.advice() + " |"), row.flags().toString());
        }
    }
}
