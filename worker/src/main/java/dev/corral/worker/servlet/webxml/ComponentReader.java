package dev.corral.worker.servlet.webxml;

import dev.corral.worker.servlet.mapping.UrlPatterns;
import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * Reads the four elements that declare the application's components: {@code <servlet>},
 * {@code <filter>} and their mappings. Checks what one element can tell on its own; whether names
 * are unique and refer to something is {@link Consistency}'s job. Pure logic on the calling thread.
 */
final class ComponentReader {
    private final Elements el;

    ComponentReader(Elements el) {
        this.el = el;
    }

    ServletDef servlet(Element e) throws WebXmlException {
        String name = el.requiredText(e, "servlet-name", "a <servlet>");
        String where = "servlet \"" + name + "\"";
        String jsp = el.optionalText(e, "jsp-file", where);
        if (jsp != null) {
            throw el.fail(where + " is the JSP page " + jsp + ": Corral does not support JSP");
        }
        // The spec allows a servlet without class, to be completed by addServlet() from a
        // ServletContainerInitializer; Corral runs none, so such a servlet could never serve.
        String className = el.requiredText(e, "servlet-class", where);
        Map<String, String> initParams = el.params(e, "init-param", where);
        Integer loadOnStartup = loadOnStartup(el.optionalText(e, "load-on-startup", where), where);
        boolean enabled = el.bool(e, "enabled", true, where);
        boolean async = el.bool(e, "async-supported", false, where);
        Element multipart = el.optional(e, "multipart-config", where);
        return new ServletDef(name, className, initParams, loadOnStartup, async, enabled,
                multipart == null ? null : multipart(multipart, where));
    }

    // The schema's load-on-startupType is an integer or the empty string; the element's presence
    // is what asks for loading at startup, so empty reads as 0 (as Tomcat and Jetty read it).
    private Integer loadOnStartup(String value, String where) throws WebXmlException {
        if (value == null) {
            return null;
        }
        return value.isEmpty() ? 0 : el.integer(value, "<load-on-startup> of " + where);
    }

    private MultipartDef multipart(Element e, String where) throws WebXmlException {
        String of = " of the <multipart-config> of " + where;
        String location = el.optionalText(e, "location", where);
        String maxFile = el.optionalText(e, "max-file-size", where);
        String maxRequest = el.optionalText(e, "max-request-size", where);
        String threshold = el.optionalText(e, "file-size-threshold", where);
        MultipartDef d = MultipartDef.DEFAULTS;
        return new MultipartDef(location == null ? d.location() : location,
                maxFile == null ? d.maxFileSize() : el.number(maxFile, "<max-file-size>" + of),
                maxRequest == null ? d.maxRequestSize() : el.number(maxRequest, "<max-request-size>" + of),
                threshold == null ? d.fileSizeThreshold() : el.integer(threshold, "<file-size-threshold>" + of));
    }

    FilterDef filter(Element e) throws WebXmlException {
        String name = el.requiredText(e, "filter-name", "a <filter>");
        String where = "filter \"" + name + "\"";
        String className = el.requiredText(e, "filter-class", where);
        Map<String, String> initParams = el.params(e, "init-param", where);
        boolean async = el.bool(e, "async-supported", false, where);
        return new FilterDef(name, className, initParams, async);
    }

    ServletMappingDef servletMapping(Element e) throws WebXmlException {
        String name = el.requiredText(e, "servlet-name", "a <servlet-mapping>");
        String where = "the <servlet-mapping> of servlet \"" + name + "\"";
        List<String> patterns = urlPatterns(e, where);
        if (patterns.isEmpty()) {
            throw el.fail(where + " has no <url-pattern>");
        }
        return new ServletMappingDef(name, patterns);
    }

    FilterMappingDef filterMapping(Element e) throws WebXmlException {
        String name = el.requiredText(e, "filter-name", "a <filter-mapping>");
        String where = "a <filter-mapping> of filter \"" + name + "\"";
        List<String> patterns = urlPatterns(e, where);
        List<String> servletNames = new ArrayList<>();
        for (Element s : el.children(e, "servlet-name")) {
            String servlet = Elements.text(s);
            if (servlet.isEmpty()) {
                throw el.fail(where + " has an empty <servlet-name>");
            }
            servletNames.add(servlet);
        }
        if (patterns.isEmpty() && servletNames.isEmpty()) {
            throw el.fail(where + " has neither <url-pattern> nor <servlet-name>");
        }
        EnumSet<DispatcherType> dispatchers = EnumSet.noneOf(DispatcherType.class);
        for (Element d : el.children(e, "dispatcher")) {
            dispatchers.add(dispatcher(Elements.text(d), where));
        }
        return new FilterMappingDef(name, patterns, servletNames, dispatchers);
    }

    private DispatcherType dispatcher(String value, String where) throws WebXmlException {
        try {
            return DispatcherType.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw el.fail(where + " has <dispatcher> \"" + value
                    + "\", not one of FORWARD, INCLUDE, REQUEST, ASYNC, ERROR");
        }
    }

    private List<String> urlPatterns(Element e, String where) throws WebXmlException {
        List<String> patterns = new ArrayList<>();
        for (Element p : el.children(e, "url-pattern")) {
            String pattern = Elements.text(p);
            String reason = UrlPatterns.validate(pattern);
            if (reason != null) {
                throw el.fail(where + ": url-pattern \"" + pattern + "\" " + reason);
            }
            patterns.add(pattern);
        }
        return patterns;
    }
}
