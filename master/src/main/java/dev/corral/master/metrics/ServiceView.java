package dev.corral.master.metrics;

import java.util.List;
import java.util.Map;

/**
 * The supervision loop's state the metrics show, as of one pass.
 *
 * @param wanted workers wanted
 * @param ready workers serving
 * @param restarts workers replaced since the master started, by cause ({@code crash}, ...)
 * @param lastBootSeconds how long the last worker took from spawn to serving; 0 before the first
 * @param live the slots that have a serving worker now, with its resident memory
 */
public record ServiceView(int wanted, int ready, Map<String, Integer> restarts, double lastBootSeconds,
                          List<Live> live) {
    public ServiceView {
        restarts = Map.copyOf(restarts);
        live = List.copyOf(live);
    }

    /** A slot and its worker's resident memory in bytes. */
    public record Live(int slot, long rssBytes) {
    }
}
