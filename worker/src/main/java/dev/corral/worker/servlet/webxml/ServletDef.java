package dev.corral.worker.servlet.webxml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code <servlet>}. Immutable.
 *
 * @param initParams the init-params in document order
 * @param loadOnStartup null when the element is absent; an empty element reads as 0, because the
 *     element's presence is what asks for loading at startup (Tomcat and Jetty read it so too);
 *     a negative value, kept as written, leaves the time of loading to the container
 * @param enabled false when {@code <enabled>false</enabled>}: the servlet is declared but not
 *     served
 * @param multipart the multipart-config, or null when there is none
 */
public record ServletDef(String name, String className, Map<String, String> initParams, Integer loadOnStartup,
        boolean asyncSupported, boolean enabled, MultipartDef multipart) {

    public ServletDef {
        initParams = Collections.unmodifiableMap(new LinkedHashMap<>(initParams));
    }

    /** Whether the container must create and initialise it while the application deploys. */
    public boolean loadsAtStartup() {
        return loadOnStartup != null && loadOnStartup >= 0;
    }
}
