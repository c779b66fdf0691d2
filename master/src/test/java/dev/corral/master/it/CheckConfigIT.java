package dev.corral.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Gunicorn's --check-config and --print-config: an answer about the settings, and nothing started. */
class CheckConfigIT {
    @RegisterExtension
    final CorralProcesses corral = new CorralProcesses();

    @TempDir
    Path tmp;

    @Test
    void aGoodConfigChecksCleanAndSilently() throws Exception {
        Corral c = corral.start("--check-config", "-c", "config/server.properties", "-b", "127.0.0.1:0");
        assertEquals(0, c.awaitExit(Duration.ofSeconds(10)), c.outputText());
        assertEquals("", c.outputText().strip());
        assertTrue(c.workerPids().isEmpty(), "nothing started");
    }

    @Test
    void aBadConfigFailsTheCheckWithOneLine() throws Exception {
        Path config = tmp.resolve("bad.properties");
        Files.writeString(config, "workers = 2\ntimeout = soon\n");
        Corral c = corral.start("--check-config", "-c", config.toString());
        assertEquals(2, c.awaitExit(Duration.ofSeconds(10)));
        String out = c.outputText().strip();
        assertEquals(1, out.lines().count(), out);
        assertTrue(out.contains("timeout") && out.contains("soon"), out);
    }

    @Test
    void aGunicornOptionCorralDoesNotTakeSaysWhatToUseInsteadAndStartsNothing() throws Exception {
        Corral check = corral.start("--check-config", "--reload");
        assertEquals(2, check.awaitExit(Duration.ofSeconds(10)), check.outputText());
        assertEquals("corral: error: --reload is a Gunicorn option Corral does not take: send HUP instead"
                + " (kill -HUP <pid>, or corral reload): new workers load the app and settings afresh, then the old"
                + " ones retire gracefully", check.outputText().strip());
        Corral run = corral.start("-b", "127.0.0.1:0", "-w", "1", "--daemon");
        assertEquals(2, run.awaitExit(Duration.ofSeconds(10)), run.outputText());
        assertEquals(1, run.outputText().strip().lines().count(), run.outputText());
        assertTrue(run.outputText().contains("--daemon is a Gunicorn option Corral does not take"), run.outputText());
        assertTrue(run.workerPids().isEmpty(), "nothing started");
    }

    @Test
    void anAppThatIsNotAHandlerFailsTheCheck() throws Exception {
        Corral c = corral.start("--check-config", "-b", "127.0.0.1:0", "--app", "java.lang.String");
        assertEquals(2, c.awaitExit(Duration.ofSeconds(10)));
        assertTrue(c.outputText().contains("Handler"), c.outputText());
    }

    @Test
    void printConfigShowsTheResolvedSettingsAsAConfigFile() throws Exception {
        Corral c = corral.start(java.util.List.of("CORRAL_TIMEOUT=9"),
                "--print-config", "-c", "config/server.properties", "-b", "127.0.0.1:0", "-w", "3");
        assertEquals(0, c.awaitExit(Duration.ofSeconds(10)), c.outputText());
        String out = c.outputText();
        assertTrue(out.lines().anyMatch(l -> l.matches("workers +=  ?3")), "the command line wins: " + out);
        assertTrue(out.lines().anyMatch(l -> l.matches("timeout +=  ?9")), "then the environment: " + out);
        assertTrue(out.lines().anyMatch(l -> l.matches("backlog +=  ?2048")), "then the file: " + out);
        assertTrue(out.lines().anyMatch(l -> l.matches("limit_request_line +=  ?4094")), "then defaults: " + out);
        assertFalse(out.contains("print_config"), out);
        assertTrue(c.workerPids().isEmpty(), "nothing started");
        Path printed = tmp.resolve("printed.properties");
        Files.writeString(printed, out);
        Corral again = corral.start("--check-config", "-c", printed.toString());
        assertEquals(0, again.awaitExit(Duration.ofSeconds(10)), "the printed config is a valid config: " + again.outputText());
    }
}
