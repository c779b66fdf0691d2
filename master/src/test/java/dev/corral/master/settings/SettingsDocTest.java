package dev.corral.master.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/settings.md is generated from the registry; this keeps it from drifting. */
class SettingsDocTest {
    @Test
    void docsMatchTheRegistry() throws Exception {
        Path doc = ConfigFilesTest.ROOT.resolve("docs/settings.md");
        String generated = SettingsDoc.markdown();
        if (Boolean.getBoolean("corral.updateDocs")) {
            Files.writeString(doc, generated);
        }
        String onDisk = Files.exists(doc) ? Files.readString(doc) : "";
        assertEquals(generated, onDisk, "docs/settings.md is out of date; regenerate it with: "
                + "mvn -pl master test -Dtest=SettingsDocTest -Dcorral.updateDocs=true");
    }
}
