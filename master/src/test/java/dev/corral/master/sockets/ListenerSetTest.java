package dev.corral.master.sockets;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.master.settings.BindAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The listening sockets as a master stopping beside a new one sees them. */
class ListenerSetTest {
    @TempDir Path dir;

    @Test
    void aSecondCloseLeavesANewMastersSocketFileAlone() throws Exception {
        io.netty.channel.epoll.Epoll.ensureAvailability();
        Path sock = dir.resolve("app.sock");
        ListenerSet old = ListenerSet.bind(List.of(new BindAddress.Unix(sock)), 16, 022, false);
        old.close();                       // Arbiter.stop -> closeAll at TERM
        ListenerSet fresh = ListenerSet.bind(List.of(new BindAddress.Unix(sock)), 16, 022, false); // new master
        old.close();                       // Main's try-with-resources at the old master's exit
        try {
            assertTrue(Files.exists(sock), "the new master's socket file was removed by the old master's second close");
        } finally {
            fresh.close();
        }
    }
}
