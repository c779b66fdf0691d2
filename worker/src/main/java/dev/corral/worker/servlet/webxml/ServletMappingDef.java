package dev.corral.worker.servlet.webxml;

import java.util.List;

/** One {@code <servlet-mapping>}: a servlet's name and its url-patterns, in document order. Immutable. */
public record ServletMappingDef(String servletName, List<String> urlPatterns) {
    public ServletMappingDef {
        urlPatterns = List.copyOf(urlPatterns);
    }
}
