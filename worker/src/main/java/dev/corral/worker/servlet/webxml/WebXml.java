package dev.corral.worker.servlet.webxml;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.DocumentType;
import org.w3c.dom.Element;

/**
 * Reads a {@code WEB-INF/web.xml} into a {@link WebDescriptor}, from a 2.3 DOCTYPE file to
 * Servlet 6.1, without a DTD or schema: the JDK's DOM, a secure parser ({@link SecureDom}) and
 * the checks that make a bad descriptor fail at boot with one line naming the file and the fault,
 * instead of at the first request. Pure logic on the calling thread.
 *
 * <p>Elements Corral does not act on (security-constraint, login-config, jsp-config, resource
 * references...) are tolerated and listed in {@link WebDescriptor#ignoredElements()}, so the
 * caller can say they have no effect: a security-constraint that silently protects nothing
 * deserves a warning.
 */
public final class WebXml {
    /** The Jakarta EE 9+ namespace. */
    public static final String JAKARTAEE = "https://jakarta.ee/xml/ns/jakartaee";
    /** Jakarta EE's, Java EE 7 and 8's, Java EE 5 and 6's, and J2EE 1.4's. */
    static final Set<String> NAMESPACES = Set.of(JAKARTAEE, "http://xmlns.jcp.org/xml/ns/javaee",
            "http://java.sun.com/xml/ns/javaee", "http://java.sun.com/xml/ns/j2ee");
    // Documentation for tools, without effect in any container: not worth a warning.
    private static final Set<String> DESCRIPTIVE = Set.of("description", "icon");
    // "-//Sun Microsystems, Inc.//DTD Web Application 2.3//EN"
    private static final Pattern DTD_VERSION = Pattern.compile("DTD Web Application (\\d+\\.\\d+)");
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)");

    private final Elements el;
    private final ComponentReader components;
    private String displayName;
    private final List<String> listeners = new ArrayList<>();
    private final List<ServletDef> servlets = new ArrayList<>();
    private final List<ServletMappingDef> servletMappings = new ArrayList<>();
    private final List<FilterDef> filters = new ArrayList<>();
    private final List<FilterMappingDef> filterMappings = new ArrayList<>();
    private final List<String> welcomeFiles = new ArrayList<>();
    private final List<ErrorPageDef> errorPages = new ArrayList<>();
    private final Map<String, String> mimeMappings = new LinkedHashMap<>();
    private final Set<String> ignored = new LinkedHashSet<>();
    private Element sessionConfig;
    private Element requestEncoding;
    private Element responseEncoding;

    private WebXml(Elements el) {
        this.el = el;
        this.components = new ComponentReader(el);
    }

    /**
     * Parses a descriptor.
     *
     * @param in the descriptor's bytes; the caller closes it
     * @param source what to call it in messages, such as {@code "app.war!/WEB-INF/web.xml"}
     * @throws WebXmlException naming {@code source} and the first fault found
     */
    public static WebDescriptor parse(InputStream in, String source) throws WebXmlException {
        Document doc = SecureDom.parse(in, source);
        Element root = doc.getDocumentElement();
        String namespace = root.getNamespaceURI();
        if (!"web-app".equals(root.getLocalName())) {
            throw new WebXmlException(source, "the root element is <" + root.getLocalName() + ">, not <web-app>");
        }
        if (namespace != null && !NAMESPACES.contains(namespace)) {
            throw new WebXmlException(source, "<web-app> is in namespace " + namespace
                    + ", not that of Jakarta EE, Java EE or J2EE");
        }
        return new WebXml(new Elements(namespace, source)).read(root, doc.getDoctype());
    }

    private WebDescriptor read(Element root, DocumentType doctype) throws WebXmlException {
        String version = version(root, doctype);
        boolean metadataComplete = metadataComplete(root, version);
        Map<String, String> contextParams = el.params(root, "context-param", "<web-app>");
        for (Element e : el.children(root)) {
            String name = e.getLocalName();
            switch (name) {
                case "display-name" -> displayName = displayName == null ? Elements.text(e) : displayName;
                case "context-param" -> { }
                case "listener" -> listeners.add(el.requiredText(e, "listener-class", "a <listener>"));
                case "servlet" -> servlets.add(components.servlet(e));
                case "servlet-mapping" -> servletMappings.add(components.servletMapping(e));
                case "filter" -> filters.add(components.filter(e));
                case "filter-mapping" -> filterMappings.add(components.filterMapping(e));
                case "welcome-file-list" -> welcomeFiles(e);
                case "error-page" -> errorPages.add(errorPage(e));
                case "mime-mapping" -> mimeMapping(e);
                case "session-config" -> sessionConfig = once(sessionConfig, e);
                case "request-character-encoding" -> requestEncoding = once(requestEncoding, e);
                case "response-character-encoding" -> responseEncoding = once(responseEncoding, e);
                default -> {
                    if (!DESCRIPTIVE.contains(name)) {
                        ignored.add(name);
                    }
                }
            }
        }
        new Consistency(el).check(servlets, servletMappings, filters, filterMappings, errorPages);
        return new WebDescriptor(displayName, contextParams, listeners, servlets, servletMappings, filters,
                filterMappings, welcomeFiles, errorPages, sessionTimeout(), metadataComplete, mimeMappings,
                charset(requestEncoding), charset(responseEncoding), version, List.copyOf(ignored));
    }

    private String version(Element root, DocumentType doctype) throws WebXmlException {
        String version = root.getAttribute("version").trim();
        if (version.isEmpty()) {
            String publicId = doctype == null ? null : doctype.getPublicId();
            Matcher m = DTD_VERSION.matcher(publicId == null ? "" : publicId);
            return m.find() ? m.group(1) : null;
        }
        if (!VERSION.matcher(version).matches()) {
            throw el.fail("<web-app> has version \"" + version + "\", not a version number such as 6.1");
        }
        return version;
    }

    // Annotations arrived with 2.5 (Java EE 5), and the platform processes none for an older
    // descriptor: it is complete by definition.
    private boolean metadataComplete(Element root, String version) throws WebXmlException {
        if (root.hasAttribute("metadata-complete")) {
            return el.bool(root.getAttribute("metadata-complete").trim(), "the metadata-complete attribute");
        }
        if (version == null) {
            return false;
        }
        Matcher m = VERSION.matcher(version);
        return m.matches() && (Integer.parseInt(m.group(1)) < 2
                || Integer.parseInt(m.group(1)) == 2 && Integer.parseInt(m.group(2)) < 5);
    }

    private Element once(Element seen, Element e) throws WebXmlException {
        if (seen != null) {
            throw el.fail("<web-app> has two <" + e.getLocalName() + "> elements, at most one is allowed");
        }
        return e;
    }

    // The spec: "an ordered list of partial URLs with no trailing or leading /".
    private void welcomeFiles(Element list) throws WebXmlException {
        for (Element f : el.children(list, "welcome-file")) {
            String file = Elements.text(f);
            if (file.isEmpty()) {
                throw el.fail("a <welcome-file> is empty");
            }
            if (file.startsWith("/") || file.endsWith("/")) {
                throw el.fail("<welcome-file> \"" + file + "\" must not start or end with '/'");
            }
            welcomeFiles.add(file);
        }
    }

    private ErrorPageDef errorPage(Element e) throws WebXmlException {
        String where = "an <error-page>";
        String code = el.optionalText(e, "error-code", where);
        String type = el.optionalText(e, "exception-type", where);
        if (code != null && type != null) {
            throw el.fail("an <error-page> has both <error-code> " + code + " and <exception-type> " + type);
        }
        Integer errorCode = null;
        if (code != null) {
            if (!code.matches("[0-9]{3}")) {
                throw el.fail("an <error-page> has <error-code> \"" + code + "\", not a three-digit HTTP status");
            }
            errorCode = Integer.valueOf(code);
            where = "the <error-page> for error-code " + code;
        } else if (type != null) {
            if (type.isEmpty()) {
                throw el.fail("an <error-page> has an empty <exception-type>");
            }
            where = "the <error-page> for exception-type " + type;
        } else {
            where = "the default <error-page>";
        }
        String location = el.requiredText(e, "location", where);
        if (!location.startsWith("/")) {
            throw el.fail(where + " has location \"" + location + "\", which must start with '/'");
        }
        return new ErrorPageDef(errorCode, type, location);
    }

    private void mimeMapping(Element e) throws WebXmlException {
        String extension = el.requiredText(e, "extension", "a <mime-mapping>");
        String type = el.requiredText(e, "mime-type", "the <mime-mapping> of extension \"" + extension + "\"");
        if (mimeMappings.put(extension, type) != null) {
            throw el.fail("two <mime-mapping> elements are for extension \"" + extension + "\"");
        }
    }

    private Integer sessionTimeout() throws WebXmlException {
        String value = sessionConfig == null ? null
                : el.optionalText(sessionConfig, "session-timeout", "<session-config>");
        return value == null || value.isEmpty() ? null : el.integer(value, "<session-timeout>");
    }

    // Checked now, so that a misspelt charset fails the boot rather than every request.
    private String charset(Element e) throws WebXmlException {
        if (e == null) {
            return null;
        }
        String value = Elements.text(e);
        try {
            if (Charset.isSupported(value)) {
                return value;
            }
        } catch (IllegalCharsetNameException ignored) {
            // Reported below, as for a well-formed but unknown name.
        }
        throw el.fail("<" + e.getLocalName() + "> \"" + value + "\" is not a charset this JVM supports");
    }
}
