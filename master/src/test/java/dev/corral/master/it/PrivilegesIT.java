package dev.corral.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** user and group: a master started as root keeps root and runs its workers as another user. */
class PrivilegesIT {
    @RegisterExtension
    final CorralProcesses corral = new CorralProcesses();

    @Test
    void workersRunAsTheUserWhileTheMasterStaysRootAndEverythingStillWorks() throws Exception {
        assumeTrue("0".equals(uidOf("self")), "the tests run as root (CI does)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv is installed (util-linux)");
        assumeTrue(readableByNobody(Corral.HOME.resolve("master/target/corral/lib/corral-master.jar")),
                "the distribution is readable by nobody (the checkout is not in a private folder)");
        // Not a JUnit temporary folder: nobody must be able to reach the log files in it.
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "corral-privileges",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try {
            Path pidfile = dir.resolve("corral.pid");
            Path access = dir.resolve("access.log");
            Corral c = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "2",
                    "-u", "nobody", "-g", "nogroup", "-p", pidfile.toString(), "--access-logfile", access.toString());
            int port = c.port();
            Set<Long> workers = c.awaitWorkerCount(2, Duration.ofSeconds(30));
            ReplaceIT.awaitServing(port);

            assertEquals("0", uidOf(Long.toString(c.pid())), "the master stays root");
            for (long pid : workers) {
                assertEquals("65534", uidOf(Long.toString(pid)), "worker " + pid + " runs as nobody");
            }
            assertEquals(200, ServeIT.get(port, "/").status());
            Corral.await(() -> {
                try {
                    return Files.readString(access).contains("\"GET / HTTP/1.1\" 200");
                } catch (java.io.IOException e) {
                    return false;
                }
            }, Duration.ofSeconds(5), () -> "the workers could not write the access log");
            String status = SupervisionIT.runCli("status", "-p", pidfile.toString());
            for (long pid : workers) {
                assertTrue(status.contains(Long.toString(pid)), status);
            }
            SupervisionIT.runCli("stop", "-p", pidfile.toString());
            assertEquals(0, c.awaitExit(Duration.ofSeconds(30)));
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void anUnknownUserIsOneLineAndNothingStarts() throws Exception {
        Corral c = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-u", "no-such-user-here");
        assertEquals(2, c.awaitExit(Duration.ofSeconds(20)));
        assertEquals(List.of("corral: error: user: 'no-such-user-here' is not a user on this machine"), c.output());
    }

    private static String uidOf(String pid) throws Exception {
        return Files.readAllLines(Path.of("/proc", pid, "status")).stream().filter(l -> l.startsWith("Uid:"))
                .map(l -> l.split("\\s+")[1]).findFirst().orElse("");
    }

    private static boolean readableByNobody(Path file) throws Exception {
        Process p = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--",
                "test", "-r", file.toString()).start();
        return p.waitFor() == 0;
    }
}
