package dev.corral.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets one clear line and a non-zero exit, with nothing left running. */
class ErrorsIT {
    @RegisterExtension
    final CorralProcesses corral = new CorralProcesses();

    @TempDir
    Path tmp;

    @Test
    void negativeWorkersInAConfigFile() throws Exception {
        Path config = tmp.resolve("bad.properties");
        Files.writeString(config, "# a typo'd deployment\nworkers = -1\n");
        Corral c = corral.start("-c", config.toString());
        assertOneLineError(c, "workers", "-1");
    }

    @Test
    void nonsenseBindAddress() throws Exception {
        Corral c = corral.start("-b", "nonsense");
        assertOneLineError(c, "bind", "nonsense");
    }

    @Test
    void unknownSetting() throws Exception {
        Path config = tmp.resolve("typo.properties");
        Files.writeString(config, "wrokers = 2\n");
        Corral c = corral.start("-c", config.toString());
        assertOneLineError(c, "wrokers", "workers");
    }

    @Test
    void unreadableConfigFile() throws Exception {
        Corral c = corral.start("-c", tmp.resolve("missing.properties").toString());
        assertOneLineError(c, "missing.properties", "config");
    }

    @Test
    void appClassThatDoesNotExist() throws Exception {
        Corral c = corral.start("-b", "127.0.0.1:0", "--app", "no.such.App");
        assertOneLineError(c, "no.such.App", "app");
    }

    @Test
    void appClassThatIsNotAHandler() throws Exception {
        Corral c = corral.start("-b", "127.0.0.1:0", "--app", "java.lang.String");
        assertOneLineError(c, "java.lang.String", "Handler");
    }

    @Test
    void secondServerOnABusyPort() throws Exception {
        Corral first = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "1");
        int port = first.port();
        Corral second = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:" + port, "-w", "1");
        int status = second.awaitExit(Duration.ofSeconds(10));
        assertNotEquals(0, status);
        assertTrue(second.outputText().contains("127.0.0.1:" + port), second.outputText());
        assertTrue(second.outputText().toLowerCase().contains("in use"), second.outputText());
        assertFalse(second.outputText().contains("\tat "), "no stack trace");
        assertTrue(second.workerPids().isEmpty(), "the failed master started no worker");
    }

    @Test
    void secondMasterWithTheSamePidfileRefusesToStart() throws Exception {
        java.nio.file.Path pidfile = tmp.resolve("corral.pid");
        Corral first = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "1", "-p", pidfile.toString());
        first.port();
        Corral.await(() -> Files.exists(pidfile), Duration.ofSeconds(10), () -> "no pidfile");
        Corral second = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "1", "-p", pidfile.toString());
        assertNotEquals(0, second.awaitExit(Duration.ofSeconds(10)));
        assertTrue(second.outputText().contains("Already running on PID " + first.pid()), second.outputText());
        assertEquals(Long.toString(first.pid()), Files.readString(pidfile).trim(), "the first master's pidfile is intact");
        assertTrue(second.workerPids().isEmpty());
    }

    @Test
    void stalePidfileIsOverwritten() throws Exception {
        java.nio.file.Path pidfile = tmp.resolve("stale.pid");
        Files.writeString(pidfile, "999999999\n");
        Corral c = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "1", "-p", pidfile.toString());
        c.port();
        Corral.await(() -> {
            try {
                return Files.readString(pidfile).trim().equals(Long.toString(c.pid()));
            } catch (java.io.IOException e) {
                return false;
            }
        }, Duration.ofSeconds(10), () -> "stale pidfile not replaced");
    }

    private static void assertOneLineError(Corral c, String... mentions) throws InterruptedException {
        int status = c.awaitExit(Duration.ofSeconds(10));
        assertNotEquals(0, status, "non-zero exit");
        String out = c.outputText().strip();
        assertEquals(1, out.lines().count(), "exactly one line: " + out);
        for (String m : mentions) {
            assertTrue(out.contains(m), "the message names '" + m + "': " + out);
        }
        assertFalse(out.contains("Exception"), "no stack trace: " + out);
    }
}
