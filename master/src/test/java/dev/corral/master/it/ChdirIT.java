package dev.corral.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** --chdir: workers run in the folder, and relative paths in the settings are read from it. */
class ChdirIT {
    @RegisterExtension
    final CorralProcesses corral = new CorralProcesses();

    @TempDir
    Path tmp;

    @Test
    void workersRunInTheFolderAndARelativeClassPathAndPidfileAreFoundThere() throws Exception {
        Path jar = AppIT.AppJar.build(tmp, "com.example.Where", """
                package com.example;
                import dev.corral.worker.app.*;
                public class Where implements Handler {
                    public Response handle(Request r) { return Response.text(System.getProperty("user.dir")); }
                }
                """);
        Path app = jar.getParent();
        Corral c = corral.start("--chdir", app.toString(), "-b", "127.0.0.1:0", "-w", "1",
                "--app", "com.example.Where", "--app-classpath", jar.getFileName().toString(), "-p", "corral.pid");
        int port = c.port();
        ReplaceIT.awaitServing(port);
        assertEquals(app.toRealPath().toString(), ServeIT.get(port, "/").body().trim(), "the worker's folder");
        Path pidfile = app.resolve("corral.pid");
        assertTrue(Files.exists(pidfile), "the pidfile is in the folder");
        assertEquals(Long.toString(c.pid()), Files.readString(pidfile).trim());
        c.awaitLine("Booting worker", Duration.ofSeconds(1));
    }
}
