package dev.corral.worker.servlet.webxml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One {@code <filter>}, with its init-params in document order. Immutable. */
public record FilterDef(String name, String className, Map<String, String> initParams, boolean asyncSupported) {
    public FilterDef {
        initParams = Collections.unmodifiableMap(new LinkedHashMap<>(initParams));
    }
}
