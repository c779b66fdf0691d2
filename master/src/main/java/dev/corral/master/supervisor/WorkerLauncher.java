package dev.corral.master.supervisor;

import dev.corral.master.settings.Settings;
import java.io.IOException;

/**
 * Starts worker processes. The launcher, not the pool, watches each one: its exit reaches the
 * supervision loop as an {@link Event.WorkerExited}, so the pool's decisions stay free of
 * processes. Called from the supervision loop.
 */
interface WorkerLauncher {
    WorkerProcess launch(Settings settings) throws IOException;
}
