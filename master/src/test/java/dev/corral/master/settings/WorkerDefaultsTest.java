package dev.corral.master.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.worker.control.WorkerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The worker reads its settings by name and has no defaults of its own: the master must send
 * every name it reads, and the worker's tests run on the registry's defaults through a file
 * generated from it (the worker module cannot see the master's registry). This keeps both true.
 */
class WorkerDefaultsTest {
    static final Path FILE = ConfigFilesTest.ROOT.resolve("worker/src/test/resources/registry-defaults.conf");

    private static Map<String, String> sent() throws SettingsException {
        return SettingsLoader.load(List.of(), Map.of()).toStrings();
    }

    @Test
    void theMasterSendsEverySettingTheWorkerReads() throws Exception {
        Map<String, String> sent = sent();
        for (String name : WorkerSettings.NAMES) {
            assertTrue(sent.containsKey(name), name + " is read by the worker but not sent by the master");
            assertTrue(Registry.byName(name).isPresent(), name + " is not in the registry");
        }
        WorkerSettings.from(sent);
    }

    @Test
    void aMissingSettingFailsTheWorkerLoudly() throws Exception {
        Map<String, String> sent = new HashMap<>(sent());
        sent.remove("keepalive");
        var e = assertThrows(WorkerSettings.MissingSetting.class, () -> WorkerSettings.from(sent));
        assertEquals("the master sent no value for setting 'keepalive'", e.getMessage());
    }

    @Test
    void theWorkersTestDefaultsAreTheRegistrys() throws Exception {
        Map<String, String> sent = sent();
        String generated = "# Generated from the master's registry by WorkerDefaultsTest: the worker tests' settings.\n"
                + WorkerSettings.NAMES.stream().map(n -> n + " = " + sent.get(n)).collect(Collectors.joining("\n"))
                + "\n";
        if (Boolean.getBoolean("corral.updateDocs")) {
            Files.writeString(FILE, generated);
        }
        String onDisk = Files.exists(FILE) ? Files.readString(FILE) : "";
        assertEquals(generated, onDisk, FILE + " is out of date; regenerate it with: "
                + "mvn -pl master test -Dtest=WorkerDefaultsTest -Dcorral.updateDocs=true");
    }
}
