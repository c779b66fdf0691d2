package dev.corral.master.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What systemd hears, and when: only changes, READY=1 only once every worker serves. */
class ServiceStatusTest {
    final List<String> sent = new ArrayList<>();
    final ServiceStatus status = new ServiceStatus(sent::add);

    @Test
    void readyOnceEveryWorkerServesThenOnlyChanges() {
        status.update(0, 2, false, false);
        status.update(1, 2, false, false);
        status.update(1, 2, false, false);
        status.update(2, 2, false, false);
        status.update(2, 2, false, false);
        status.update(1, 2, false, false);
        assertEquals(List.of("STATUS=0 of 2 worker(s) ready", "STATUS=1 of 2 worker(s) ready",
                "READY=1\nSTATUS=2 of 2 worker(s) ready", "STATUS=1 of 2 worker(s) ready"), sent);
    }

    @Test
    void aReloadIsReadyAgainOnlyWhenNoOldWorkerServes() {
        status.update(2, 2, false, false);
        sent.clear();
        status.reloadStarted();
        status.update(2, 2, true, false);
        status.update(1, 2, true, false);
        assertEquals(1, sent.size(), sent.toString());
        assertTrue(sent.get(0).startsWith("RELOADING=1\nMONOTONIC_USEC="), sent.get(0));
        status.update(2, 2, false, false);
        assertEquals("READY=1\nSTATUS=2 of 2 worker(s) ready", sent.get(1));
    }

    @Test
    void stoppingIsSentOnceAndNothingAfter() {
        status.update(2, 2, false, false);
        sent.clear();
        status.update(2, 2, false, true);
        status.update(1, 2, false, true);
        status.reloadStarted();
        assertEquals(List.of("STOPPING=1\nSTATUS=Stopping: workers finish their requests"), sent);
    }
}
