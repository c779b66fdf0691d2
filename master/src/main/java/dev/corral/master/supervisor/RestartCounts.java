package dev.corral.master.supervisor;

import java.util.EnumMap;
import java.util.Map;

/** How many workers were replaced, by cause, since the master started. */
final class RestartCounts {
    private final EnumMap<RestartCause, Integer> counts = new EnumMap<>(RestartCause.class);

    void add(RestartCause cause) {
        counts.merge(cause, 1, Integer::sum);
    }

    int get(RestartCause cause) {
        return counts.getOrDefault(cause, 0);
    }

    Map<RestartCause, Integer> snapshot() {
        EnumMap<RestartCause, Integer> copy = new EnumMap<>(RestartCause.class);
        for (RestartCause c : RestartCause.values()) {
            copy.put(c, get(c));
        }
        return copy;
    }
}
