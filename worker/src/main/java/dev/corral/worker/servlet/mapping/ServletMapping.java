package dev.corral.worker.servlet.mapping;

import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.MappingMatch;

/**
 * {@link HttpServletMapping} as a value: the interface's javadoc asks for instances that are
 * immutable and never block, which a record is. Safe from any thread.
 */
record ServletMapping(String matchValue, String pattern, String servletName, MappingMatch mappingMatch)
        implements HttpServletMapping {

    @Override
    public String getMatchValue() {
        return matchValue;
    }

    @Override
    public String getPattern() {
        return pattern;
    }

    @Override
    public String getServletName() {
        return servletName;
    }

    @Override
    public MappingMatch getMappingMatch() {
        return mappingMatch;
    }
}
