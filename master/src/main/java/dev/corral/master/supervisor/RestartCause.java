package dev.corral.master.supervisor;

/** Why a worker was replaced, as {@code corral status} counts them. */
public enum RestartCause {
    CRASH, TIMEOUT, MAX_REQUESTS, MEMORY, LIFETIME, RELOAD, SCALE;

    /** The name users read: {@code max_requests}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
