package dev.corral.master.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which descriptors are ours, by sd_listen_fds(3)'s rules (no descriptor is touched here). */
class SocketActivationTest {
    @Test
    void variablesForAnotherProcessAreNotOurs() {
        assertTrue(SocketActivation.passed(Map.of("LISTEN_PID", "1", "LISTEN_FDS", "2"), 4242).isEmpty());
        assertTrue(SocketActivation.passed(Map.of("LISTEN_FDS", "2"), 4242).isEmpty());
        assertTrue(SocketActivation.passed(Map.of(), 4242).isEmpty());
    }

    @Test
    void noDescriptorsIsNoActivation() {
        assertEquals(0, SocketActivation.passed(Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "0"), 4242).size());
    }

    @Test
    void aMalformedCountIsOneClearError() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SocketActivation.passed(Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "two"), 4242));
        assertEquals("LISTEN_FDS: 'two' is not a number of descriptors", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SocketActivation.passed(Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "-1"), 4242));
    }
}
