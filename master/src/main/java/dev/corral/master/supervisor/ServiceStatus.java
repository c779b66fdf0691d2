package dev.corral.master.supervisor;

import java.util.function.Consumer;

/**
 * What the master tells its service manager (systemd's {@code Type=notify}): {@code READY=1}
 * once the first workers all serve, {@code RELOADING=1} on a reload and {@code READY=1} again
 * once every worker has been replaced, {@code STOPPING=1} on a stop, and a {@code STATUS=} line
 * whenever the count of ready workers changes. Only changes are sent. Used only from the
 * supervision loop.
 */
final class ServiceStatus {
    private final Consumer<String> notify;
    private boolean ready;
    private boolean reloading;
    private boolean stopping;
    private String status = "";

    ServiceStatus(Consumer<String> notify) {
        this.notify = notify;
    }

    void reloadStarted() {
        if (ready && !stopping) {
            reloading = true;
            // MONOTONIC_USEC: Type=notify-reload wants it, and nanoTime is CLOCK_MONOTONIC on Linux.
            notify.accept("RELOADING=1\nMONOTONIC_USEC=" + System.nanoTime() / 1000
                    + "\nSTATUS=Reloading: replacing workers one at a time");
            status = "";
        }
    }

    /**
     * Called after every pass of the loop.
     *
     * @param readyWorkers ready workers of the current generation in the wanted slots
     * @param replacing whether a worker of an older generation still serves
     */
    void update(int readyWorkers, int wanted, boolean replacing, boolean stopNow) {
        if (stopNow) {
            if (!stopping) {
                stopping = true;
                notify.accept("STOPPING=1\nSTATUS=Stopping: workers finish their requests");
            }
            return;
        }
        String line = readyWorkers + " of " + wanted + " worker(s) ready";
        if (!ready && readyWorkers >= wanted) {
            ready = true;
            notify.accept("READY=1\nSTATUS=" + line);
        } else if (reloading && !replacing && readyWorkers >= wanted) {
            reloading = false;
            notify.accept("READY=1\nSTATUS=" + line);
        } else if (!line.equals(status) && !reloading) {
            notify.accept("STATUS=" + line);
        }
        status = line;
    }
}
