package dev.corral.worker.servlet.webxml;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks that need the whole descriptor: names declared once, mappings that name something
 * declared, a url-pattern mapped once (spec 12.2 makes that a deployment failure), one error page
 * per code, per exception type and one default. Pure logic on the calling thread.
 *
 * <p>A mapping that names an undeclared servlet is refused. A container that scans
 * {@code @WebServlet} annotations would look there too; Corral does not scan, so such a mapping
 * could never serve.
 */
final class Consistency {
    private final Elements el;

    Consistency(Elements el) {
        this.el = el;
    }

    void check(List<ServletDef> servlets, List<ServletMappingDef> servletMappings, List<FilterDef> filters,
            List<FilterMappingDef> filterMappings, List<ErrorPageDef> errorPages) throws WebXmlException {
        Set<String> servletNames = new HashSet<>();
        for (ServletDef s : servlets) {
            if (!servletNames.add(s.name())) {
                throw el.fail("servlet \"" + s.name() + "\" is declared twice");
            }
        }
        Set<String> filterNames = new HashSet<>();
        for (FilterDef f : filters) {
            if (!filterNames.add(f.name())) {
                throw el.fail("filter \"" + f.name() + "\" is declared twice");
            }
        }
        Map<String, String> servletOfPattern = new HashMap<>();
        for (ServletMappingDef m : servletMappings) {
            if (!servletNames.contains(m.servletName())) {
                throw el.fail("a <servlet-mapping> names servlet \"" + m.servletName() + "\", which is not declared");
            }
            for (String pattern : m.urlPatterns()) {
                String other = servletOfPattern.putIfAbsent(pattern, m.servletName());
                if (other != null) {
                    throw el.fail("url-pattern \"" + pattern + "\" is mapped twice, to servlet \"" + other
                            + "\" and to servlet \"" + m.servletName() + "\"");
                }
            }
        }
        for (FilterMappingDef m : filterMappings) {
            if (!filterNames.contains(m.filterName())) {
                throw el.fail("a <filter-mapping> names filter \"" + m.filterName() + "\", which is not declared");
            }
            for (String servlet : m.servletNames()) {
                if (!servlet.equals("*") && !servletNames.contains(servlet)) {
                    throw el.fail("the <filter-mapping> of filter \"" + m.filterName() + "\" names servlet \""
                            + servlet + "\", which is not declared");
                }
            }
        }
        checkErrorPages(errorPages);
    }

    // The schema: error pages are unique by code and by exception type; two default pages
    // would leave the choice between them to chance.
    private void checkErrorPages(List<ErrorPageDef> errorPages) throws WebXmlException {
        Set<String> seen = new HashSet<>();
        for (ErrorPageDef p : errorPages) {
            String key = p.errorCode() != null ? "error-code " + p.errorCode()
                    : p.exceptionType() != null ? "exception-type " + p.exceptionType() : "the default error page";
            if (!seen.add(key)) {
                throw el.fail("two <error-page> elements are for " + key);
            }
        }
    }
}
