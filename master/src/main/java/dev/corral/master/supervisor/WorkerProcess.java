package dev.corral.master.supervisor;

/**
 * A worker process as the pool acts on it: the real one is a JVM from {@link JvmLauncher}, the
 * tests' is a fake. Used only from the supervision loop.
 */
interface WorkerProcess {
    long pid();

    /** SIGTERM: the worker exits at once, closing its connections. */
    void terminate();

    /** SIGKILL. */
    void kill();
}
