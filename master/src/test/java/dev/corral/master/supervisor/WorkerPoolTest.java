package dev.corral.master.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.master.settings.Settings;
import dev.corral.master.settings.SettingsLoader;
import dev.corral.master.supervisor.Fakes.FakeLauncher;
import dev.corral.master.supervisor.Fakes.FakeLink;
import dev.corral.master.supervisor.Fakes.FakeProcess;
import dev.corral.master.supervisor.Fakes.FakeSockets;
import dev.corral.worker.control.ControlProtocol;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pool's decisions, with fake processes on a clock the test moves. */
class WorkerPoolTest {
    static final long S = 1_000_000_000L;
    static final long TICK = S / 10;
    static final long GRACE = 30 * S;

    final FakeLauncher launcher = new FakeLauncher();
    final FakeSockets sockets = new FakeSockets();
    final Map<Long, FakeLink> links = new HashMap<>();
    Settings settings;
    WorkerPool pool;

    @BeforeEach
    void twoWorkers() throws Exception {
        settings = SettingsLoader.load(List.of("-w", "2", "-t", "30"), Map.of());
        pool = new WorkerPool(sockets, launcher, 2);
    }

    /** The worker connects and is handed its settings and sockets. */
    FakeLink connect(FakeProcess p) {
        FakeLink link = new FakeLink();
        links.put(p.pid, link);
        pool.handOver(p.pid, link, settings, new TicketKeys().line());
        return link;
    }

    FakeLink boot(FakeProcess p, long now) {
        FakeLink link = connect(p);
        pool.markReady(p.pid, now);
        return link;
    }

    WorkerSlot.State state(FakeProcess p) {
        return pool.slot(p.pid).orElseThrow().state;
    }

    int slotOf(FakeProcess p) {
        return pool.slot(p.pid).orElseThrow().slot;
    }

    /** Boots {@code p} and has it beat every second for the next 40 s. */
    void keepBeating(FakeProcess p) {
        boot(p, 0);
        beats(p, 40 * S);
    }

    /** Has {@code p} beat every second up to {@code until}. */
    void beats(FakeProcess p, long until) {
        for (long now = S; now <= until; now += S) {
            pool.heartbeat(p.pid, 0, 0, now, settings);
        }
    }

    /** Runs the loop's two decisions on every tick from {@code from} to {@code to}. */
    void ticks(long from, long to) {
        for (long now = from; now <= to; now += TICK) {
            pool.murder(now, 30);
            pool.manage(now, settings);
        }
    }

    /** What the loop does on each tick once it is stopping: no more spawns. */
    void stoppingTicks(long from, long to) {
        for (long now = from; now <= to; now += TICK) {
            pool.murder(now, 30);
        }
    }

    @Test
    void spawnsOneWorkerPerSlotUpToWanted() {
        pool.manage(0, settings);
        pool.manage(TICK, settings);
        assertEquals(2, launcher.spawned.size());
        assertEquals(0, slotOf(launcher.spawned.get(0)));
        assertEquals(1, slotOf(launcher.spawned.get(1)));
        FakeLink link = connect(launcher.spawned.get(0));
        assertTrue(link.lines.contains(ControlProtocol.FDS + " tcp"), link.lines.toString());
    }

    @Test
    void theHandOverSendsTheSettingsAsTheyAreAndTheWorkerDrawsItsOwnQuota() throws Exception {
        settings = SettingsLoader.load(List.of("-w", "2", "--max-requests", "200", "--max-requests-jitter", "20"), Map.of());
        pool.manage(0, settings);
        FakeLink link = connect(launcher.spawned.get(0));
        List<String> sets = link.lines.stream().filter(l -> l.startsWith(ControlProtocol.SET + " ")).toList();
        assertEquals(settings.toStrings().size(), sets.size(), sets.toString());
        assertTrue(sets.contains(ControlProtocol.SET + " max_requests 200"), sets.toString());
        assertTrue(sets.contains(ControlProtocol.SET + " max_requests_jitter 20"), sets.toString());
        assertFalse(sets.stream().anyMatch(l -> l.startsWith(ControlProtocol.SET + " worker_max_requests")), sets.toString());
    }

    @Test
    void aCrashedWorkerIsReplacedInItsSlotAndAYoungCrashWaitsForTheBackoff() {
        pool.manage(0, settings);
        FakeProcess a = launcher.spawned.get(0);
        boot(a, S);
        boot(launcher.spawned.get(1), S);

        assertFalse(pool.reap(a.pid, 70, false, 5 * S));
        pool.manage(5 * S, settings);
        assertEquals(3, launcher.spawned.size(), "a worker that served for a while is replaced at once");
        FakeProcess b = launcher.last();
        assertEquals(0, slotOf(b));

        assertFalse(pool.reap(b.pid, 70, false, 5 * S + TICK), "one young crash is no reason to give up");
        pool.manage(5 * S + TICK + SpawnBackoff.FIRST_DELAY_NANOS / 2, settings);
        assertEquals(3, launcher.spawned.size(), "a worker that died before it was ready is replaced after a wait");
        pool.manage(5 * S + TICK + SpawnBackoff.FIRST_DELAY_NANOS, settings);
        assertEquals(4, launcher.spawned.size());
        assertEquals(2, pool.restarts().snapshot().get(RestartCause.CRASH));
    }

    @Test
    void aSilentWorkerIsKilledOnceAsWorkerTimeoutAndReplaced() {
        pool.manage(0, settings);
        FakeProcess silent = launcher.spawned.get(0);
        FakeProcess beating = launcher.spawned.get(1);
        boot(silent, 0);
        keepBeating(beating);
        ticks(29 * S, 30 * S);
        assertEquals(0, silent.killed, "not before its timeout");
        ticks(30 * S + TICK, 35 * S);
        assertEquals(1, silent.killed, "killed once, not on every tick until it is reaped");
        assertEquals(0, beating.killed);
        assertEquals(1, pool.restarts().snapshot().get(RestartCause.TIMEOUT));
        assertEquals(3, launcher.spawned.size(), "its slot gets a new worker");
        assertEquals(0, slotOf(launcher.last()));

        assertFalse(pool.reap(silent.pid, 137, false, 36 * S));
        ticks(36 * S, 36 * S);
        assertEquals(3, launcher.spawned.size(), "the reap of a timed-out worker does not spawn twice");
    }

    @Test
    void aTimedOutWorkerIsAskedForAThreadDumpAndKilledOnceItIsWritten() {
        pool.manage(0, settings);
        FakeProcess silent = launcher.spawned.get(0);
        FakeLink link = boot(silent, 0);
        keepBeating(launcher.spawned.get(1));
        ticks(30 * S + TICK, 30 * S + TICK);
        assertEquals(ControlProtocol.DUMP, link.lines.get(link.lines.size() - 1), "asked for its stacks first");
        assertEquals(0, silent.killed, "not killed before its dump is written");
        assertEquals(3, launcher.spawned.size(), "its replacement boots meanwhile");
        pool.dumpWritten(silent.pid);
        assertEquals(1, silent.killed);
        pool.dumpWritten(silent.pid);
        ticks(30 * S + 2 * TICK, 35 * S);
        assertEquals(1, silent.killed, "killed once");
    }

    @Test
    void aTimedOutWorkerThatWritesNoDumpIsKilledAfterAShortWait() {
        pool.manage(0, settings);
        FakeProcess silent = launcher.spawned.get(0);
        boot(silent, 0);
        keepBeating(launcher.spawned.get(1));
        ticks(30 * S + TICK, 30 * S + TICK);
        ticks(30 * S + 2 * TICK, 31 * S);
        assertEquals(0, silent.killed, "within the wait");
        ticks(31 * S + TICK, 32 * S);
        assertEquals(1, silent.killed, "at most a second after its timeout");
    }

    @Test
    void aWorkerOverMaxWorkerRssForFiveSecondsIsReplacedBeforeItRetires() throws Exception {
        settings = SettingsLoader.load(List.of("-w", "2", "-t", "0", "--max-worker-rss", "100"), Map.of());
        pool.manage(0, settings);
        FakeProcess big = launcher.spawned.get(0);
        FakeLink link = boot(big, 0);
        boot(launcher.spawned.get(1), 0);
        pool.heartbeat(big.pid, 0, 101 * 1024, S, settings);
        pool.heartbeat(big.pid, 0, 99 * 1024, 2 * S, settings);
        pool.heartbeat(big.pid, 0, 101 * 1024, 3 * S, settings);
        pool.heartbeat(big.pid, 0, 101 * 1024, 7 * S, settings);
        ticks(7 * S, 7 * S);
        assertEquals(2, launcher.spawned.size(), "a beat under the limit started the five seconds again");
        pool.heartbeat(big.pid, 0, 101 * 1024, 8 * S, settings);
        ticks(8 * S, 8 * S);
        assertEquals(3, launcher.spawned.size(), "its successor boots beside it");
        assertEquals(WorkerSlot.State.READY, state(big), "it serves until the successor is ready");
        boot(launcher.last(), 9 * S);
        ticks(9 * S, 9 * S);
        assertEquals(WorkerSlot.State.STOPPING, state(big));
        assertEquals(1, link.count(ControlProtocol.STOP), "retired gracefully");
        assertEquals(1, pool.restarts().snapshot().get(RestartCause.MEMORY));
    }

    @Test
    void workersPastMaxWorkerLifetimeAreReplacedOneSlotAtATime() throws Exception {
        settings = SettingsLoader.load(List.of("-w", "2", "-t", "0", "--max-worker-lifetime", "60"), Map.of());
        pool.manage(0, settings);
        FakeProcess a = launcher.spawned.get(0);
        FakeProcess b = launcher.spawned.get(1);
        boot(a, 0);
        boot(b, 0);
        beats(a, 70 * S);
        beats(b, 70 * S);
        ticks(59 * S, 59 * S);
        assertEquals(2, launcher.spawned.size());
        ticks(60 * S, 61 * S);
        assertEquals(3, launcher.spawned.size(), "one successor at a time");
        assertEquals(WorkerSlot.State.READY, state(a));
        assertEquals(WorkerSlot.State.READY, state(b));
        boot(launcher.last(), 62 * S);
        ticks(62 * S, 62 * S);
        assertEquals(1, pool.slots().stream().filter(w -> w.state == WorkerSlot.State.STOPPING).count());
        assertEquals(4, launcher.spawned.size(), "then the next slot's");
        boot(launcher.last(), 63 * S);
        ticks(63 * S, 63 * S);
        assertEquals(WorkerSlot.State.STOPPING, state(a));
        assertEquals(WorkerSlot.State.STOPPING, state(b));
        assertEquals(2, pool.restarts().snapshot().get(RestartCause.LIFETIME));
    }

    @Test
    void aLifetimeJitterAtItsAllowedMaximumDoesNotBreakTheLoop() throws Exception {
        settings = SettingsLoader.load(List.of("-w", "2", "--max-worker-lifetime", "60",
                "--max-worker-lifetime-jitter", "2147483647"), Map.of());
        pool.manage(0, settings);
        assertEquals(2, launcher.spawned.size());
        assertTrue(pool.slots().stream().allMatch(w -> w.lifetimeNanos >= TimeUnit.SECONDS.toNanos(60)));
    }

    @Test
    void aBootingWorkerGetsNoDescriptorsOnceTheStopClosedThem() {
        pool.manage(0, settings);
        FakeProcess booting = launcher.spawned.get(0);
        FakeLink link = connect(booting);
        pool.stopAll(true, GRACE, S);
        pool.sendDescriptors(booting.pid);
        assertEquals(0, link.count("<1 descriptor(s)>"), "closed descriptors (numbers the master may reuse) were sent");
    }

    @Test
    void aWorkerThatDoesNotBootInTimeIsKilledOnce() {
        pool.manage(0, settings);
        FakeProcess stuck = launcher.spawned.get(0);
        connect(stuck);
        boot(launcher.spawned.get(1), S);
        pool.heartbeat(launcher.spawned.get(1).pid, 0, 0, 29 * S, settings);
        ticks(29 * S, 30 * S);
        assertEquals(0, stuck.killed, "not before the boot limit");
        ticks(30 * S + TICK, 33 * S);
        assertEquals(1, stuck.killed, "killed once, not on every tick until it is reaped");
        assertEquals(2, launcher.spawned.size(), "its successor waits for the reap, and the backoff");

        assertFalse(pool.reap(stuck.pid, 137, false, 34 * S));
        pool.manage(34 * S + SpawnBackoff.FIRST_DELAY_NANOS, settings);
        assertEquals(3, launcher.spawned.size());
        assertEquals(0, slotOf(launcher.last()));
    }

    @Test
    void aReloadReplacesOneSlotAtATimeAndRetiresTheOldOnlyWhenTheNewIsReady() {
        pool.manage(0, settings);
        FakeProcess old0 = launcher.spawned.get(0);
        FakeProcess old1 = launcher.spawned.get(1);
        FakeLink link0 = boot(old0, 0);
        FakeLink link1 = boot(old1, 0);

        pool.beginRollingReplace();
        pool.manage(S, settings);
        pool.manage(S + TICK, settings);
        assertEquals(3, launcher.spawned.size(), "one new worker at a time");
        FakeProcess new0 = launcher.last();
        assertEquals(0, slotOf(new0));
        assertEquals(0, link0.count(ControlProtocol.STOP), "the old one serves until its successor is ready");

        boot(new0, 2 * S);
        pool.manage(2 * S, settings);
        assertEquals(1, link0.count(ControlProtocol.STOP));
        assertEquals(0, old0.terminated + old0.killed, "retired gracefully");
        assertEquals(4, launcher.spawned.size(), "then the next slot's successor boots");
        FakeProcess new1 = launcher.last();
        assertEquals(1, slotOf(new1));
        assertEquals(0, link1.count(ControlProtocol.STOP));

        boot(new1, 3 * S);
        pool.manage(3 * S, settings);
        assertEquals(1, link1.count(ControlProtocol.STOP));
        pool.manage(3 * S + TICK, settings);
        assertEquals(4, launcher.spawned.size());
        assertEquals(2, pool.restarts().snapshot().get(RestartCause.RELOAD));
    }

    @Test
    void fewerWantedRetiresTheSurplusSlotAndReleasesItsSockets() {
        pool.wanted = 3;
        pool.manage(0, settings);
        launcher.spawned.forEach(p -> boot(p, 0));
        FakeProcess third = launcher.spawned.get(2);

        pool.wanted = 2;
        pool.manage(S, settings);
        assertEquals(1, links.get(third.pid).count(ControlProtocol.STOP));
        assertEquals(WorkerSlot.State.STOPPING, state(third));
        assertEquals(0, links.get(launcher.spawned.get(0).pid).count(ControlProtocol.STOP));
        assertEquals(0, links.get(launcher.spawned.get(1).pid).count(ControlProtocol.STOP));
        assertEquals(2, sockets.releasedFrom);
        assertEquals(1, pool.restarts().snapshot().get(RestartCause.SCALE));
        pool.manage(S + TICK, settings);
        assertEquals(3, launcher.spawned.size(), "no replacement for a retired surplus worker");
    }

    @Test
    void aGracefulStopLetsReadyWorkersDrainAndEndsTheOthersAtOnce() {
        pool.manage(0, settings);
        FakeProcess ready = launcher.spawned.get(0);
        FakeProcess booting = launcher.spawned.get(1);
        FakeLink link = boot(ready, 0);

        pool.stopAll(true, GRACE, S);
        assertEquals(1, link.count(ControlProtocol.STOP));
        assertEquals(0, ready.terminated);
        assertEquals(1, booting.terminated, "it has no requests to finish");
        stoppingTicks(S, 3 * S + TICK);
        assertEquals(1, booting.killed, "killed when it lingers past the fast stop");
        stoppingTicks(3 * S + 2 * TICK, 30 * S);
        assertEquals(0, ready.killed, "a draining worker has its graceful_timeout");
        stoppingTicks(31 * S + TICK, 33 * S);
        assertEquals(1, ready.killed);
    }

    @Test
    void aFastStopTerminatesEveryWorkerAndKillsTheLingering() {
        pool.manage(0, settings);
        FakeProcess ready = launcher.spawned.get(0);
        FakeLink link = boot(ready, 0);

        pool.stopAll(false, GRACE, S);
        assertEquals(0, link.count(ControlProtocol.STOP));
        launcher.spawned.forEach(p -> assertEquals(1, p.terminated));
        stoppingTicks(S, 3 * S + TICK);
        launcher.spawned.forEach(p -> assertEquals(1, p.killed));
    }

    @Test
    void aLateReadyFromAStoppingWorkerStopsItAndLeavesItStopping() {
        pool.manage(0, settings);
        FakeProcess draining = launcher.spawned.get(0);
        FakeProcess booting = launcher.spawned.get(1);
        FakeLink drainingLink = boot(draining, S);
        FakeLink bootingLink = connect(booting);
        pool.stopAll(true, GRACE, 2 * S);

        pool.markReady(booting.pid, 2 * S + TICK);
        assertEquals(WorkerSlot.State.STOPPING, state(booting), "a stopping worker never serves again");
        assertEquals(1, bootingLink.count(ControlProtocol.STOP));
        assertEquals(1, drainingLink.count(ControlProtocol.STOP));
        assertEquals(0, draining.terminated);
        stoppingTicks(2 * S + TICK, 31 * S);
        assertEquals(0, draining.killed, "the draining worker keeps its graceful_timeout");
    }

    @Test
    void aLateReadyFromAWorkerRetiredWhileBootingDoesNotBringItBack() {
        pool.wanted = 3;
        pool.manage(0, settings);
        FakeProcess third = launcher.spawned.get(2);
        FakeLink link = connect(third);
        pool.wanted = 2;
        pool.manage(S, settings);
        assertEquals(1, link.count(ControlProtocol.STOP));

        pool.markReady(third.pid, 2 * S);
        assertEquals(WorkerSlot.State.STOPPING, state(third));
    }

    /** Two workers and one standby, all booted: returns the standby, loaded. */
    FakeProcess withALoadedStandby() throws Exception {
        settings = SettingsLoader.load(List.of("-w", "2", "-t", "30", "--standby-workers", "1"), Map.of());
        pool.manage(0, settings);
        assertEquals(2, launcher.spawned.size(), "the standby waits for the workers that serve");
        boot(launcher.spawned.get(0), S);
        boot(launcher.spawned.get(1), S);
        pool.manage(S, settings);
        FakeProcess spare = launcher.spawned.get(2);
        FakeLink link = connect(spare);
        assertTrue(link.lines.contains(ControlProtocol.STANDBY), link.lines.toString());
        assertFalse(link.lines.stream().anyMatch(l -> l.startsWith(ControlProtocol.FDS)), "a standby holds no socket");
        pool.markLoaded(spare.pid, 2 * S);
        assertEquals(WorkerSlot.State.STANDBY, state(spare));
        pool.manage(2 * S, settings);
        assertEquals(3, launcher.spawned.size(), "one standby is enough");
        return spare;
    }

    @Test
    void aCrashedWorkersSlotGoesToTheStandbyAtOnceAndANewStandbyBootsBehindIt() throws Exception {
        FakeProcess spare = withALoadedStandby();
        FakeProcess crashed = launcher.spawned.get(0);
        int slot = slotOf(crashed);
        assertFalse(pool.reap(crashed.pid, 137, false, 3 * S));
        pool.manage(3 * S, settings);

        assertEquals(3, launcher.spawned.size(), "no JVM boots for the slot: the standby takes it");
        assertEquals(slot, slotOf(spare));
        assertTrue(links.get(spare.pid).lines.contains(ControlProtocol.FDS + " tcp"), links.get(spare.pid).lines.toString());
        pool.markReady(spare.pid, 3 * S + TICK);
        assertEquals(WorkerSlot.State.READY, state(spare));
        pool.manage(3 * S + TICK, settings);
        assertEquals(4, launcher.spawned.size());
        assertEquals(WorkerSlot.NO_SLOT, slotOf(launcher.last()), "the new JVM is the next standby");
    }

    @Test
    void aStandbyStillBootingIsPromotedAndGetsItsSocketsWhenItConnects() throws Exception {
        settings = SettingsLoader.load(List.of("-w", "1", "-t", "30", "--standby-workers", "1"), Map.of());
        pool = new WorkerPool(sockets, launcher, 1);
        pool.manage(0, settings);
        FakeProcess first = launcher.spawned.get(0);
        boot(first, S);
        pool.manage(S, settings);
        FakeProcess spare = launcher.last();
        pool.reap(first.pid, 137, false, 5 * S);
        pool.manage(5 * S, settings);

        assertEquals(2, launcher.spawned.size());
        FakeLink link = connect(spare);
        assertFalse(link.lines.contains(ControlProtocol.STANDBY), link.lines.toString());
        assertTrue(link.lines.contains(ControlProtocol.FDS + " tcp"), link.lines.toString());
        pool.markLoaded(spare.pid, 5 * S + TICK);
        assertEquals(WorkerSlot.State.STARTING, state(spare), "its LOADED does not make it a spare again");
    }

    @Test
    void aRetiringWorkerHandsItsSlotToTheStandby() throws Exception {
        FakeProcess spare = withALoadedStandby();
        FakeProcess old = launcher.spawned.get(1);
        pool.retire(pool.slot(old.pid).orElseThrow(), RestartCause.MAX_REQUESTS, settings, 3 * S);
        pool.manage(3 * S, settings);
        assertEquals(slotOf(old), slotOf(spare));
        assertEquals(3, launcher.spawned.size());
    }

    @Test
    void aReloadStopsTheOutdatedStandbyWithoutCountingARestartAndBootsANewOne() throws Exception {
        FakeProcess spare = withALoadedStandby();
        pool.beginRollingReplace();
        pool.manage(3 * S, settings);
        assertEquals(1, links.get(spare.pid).count(ControlProtocol.STOP));
        assertEquals(WorkerSlot.NO_SLOT, slotOf(spare), "an outdated standby is never promoted");
        assertEquals(0, pool.restarts().get(RestartCause.RELOAD), "a standby served nobody: its stop is no restart");
        assertEquals(4, launcher.spawned.size(), "slot 0's successor boots as on any reload");
        assertEquals(0, slotOf(launcher.last()));
    }

    @Test
    void aSilentStandbyIsNeverTimedOutAndAGracefulStopAsksItToStop() throws Exception {
        FakeProcess spare = withALoadedStandby();
        beats(launcher.spawned.get(0), 100 * S);
        beats(launcher.spawned.get(1), 100 * S);
        stoppingTicks(2 * S, 100 * S);
        assertEquals(0, spare.killed);
        pool.stopAll(true, GRACE, 100 * S);
        assertEquals(1, links.get(spare.pid).count(ControlProtocol.STOP));
        assertEquals(0, spare.terminated);
    }
}
