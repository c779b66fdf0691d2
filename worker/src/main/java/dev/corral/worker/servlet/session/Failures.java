package dev.corral.worker.servlet.session;

/**
 * The failures of listener calls that must all run (every attribute unbound, every idle session
 * swept) even when one throws: the first is thrown at the end, the others suppressed in it.
 * Confined to the thread that makes the calls.
 */
final class Failures {
    private RuntimeException first;

    /** Runs {@code step}, keeping what it throws. */
    void run(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            if (first == null) {
                first = e;
            } else if (e != first) {
                // A listener failing the same way each time may throw one object: not its own cause.
                first.addSuppressed(e);
            }
        }
    }

    /** Throws the first failure, if any. */
    void rethrow() {
        if (first != null) {
            throw first;
        }
    }
}
