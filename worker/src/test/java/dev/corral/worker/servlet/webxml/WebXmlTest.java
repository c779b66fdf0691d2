package dev.corral.worker.servlet.webxml;

import static dev.corral.worker.servlet.webxml.Descriptors.app;
import static dev.corral.worker.servlet.webxml.Descriptors.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebXmlTest {

    @Test
    void aServlet61DescriptorReadsWhole() throws Exception {
        WebDescriptor d = Descriptors.resource("servlet-6.1.xml");
        assertEquals("6.1", d.version());
        assertFalse(d.metadataComplete());
        assertEquals("Shop", d.displayName());
        assertEquals(Map.of("environment", "production", "catalog.url", "jdbc:postgresql://db/catalog?a=1&b=2",
                "empty", ""), d.contextParams());
        assertEquals(List.of("environment", "catalog.url", "empty"), List.copyOf(d.contextParams().keySet()));
        assertEquals(List.of("com.example.shop.StartupListener", "com.example.shop.SessionCounter"), d.listeners());

        assertEquals(List.of(
                new FilterDef("encoding", "com.example.shop.EncodingFilter", Map.of("charset", "UTF-8"), true),
                new FilterDef("audit", "com.example.shop.AuditFilter", Map.of(), false)), d.filters());
        assertEquals(List.of(
                new FilterMappingDef("encoding", List.of("/*"), List.of(),
                        EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.ASYNC)),
                new FilterMappingDef("audit", List.of("/api/*", "*.do"), List.of("orders"),
                        EnumSet.of(DispatcherType.REQUEST)),
                new FilterMappingDef("audit", List.of(), List.of("*"), EnumSet.of(DispatcherType.ERROR))),
                d.filterMappings());

        ServletDef orders = d.servlet("orders");
        assertEquals(new ServletDef("orders", "com.example.shop.OrdersServlet",
                Map.of("pageSize", "50", "strict", "true"), 1, true, true,
                new MultipartDef("/tmp/uploads", 10485760L, 20971520L, 1048576)), orders);
        assertEquals(List.of("pageSize", "strict"), List.copyOf(orders.initParams().keySet()));
        assertTrue(orders.loadsAtStartup());
        ServletDef legacy = d.servlet("legacy");
        assertEquals(0, legacy.loadOnStartup());
        assertTrue(legacy.loadsAtStartup());
        assertFalse(legacy.enabled());
        assertNull(legacy.multipart());
        ServletDef uploads = d.servlet("uploads");
        assertEquals(-1, uploads.loadOnStartup());
        assertFalse(uploads.loadsAtStartup());
        assertEquals(MultipartDef.DEFAULTS, uploads.multipart());
        ServletDef home = d.servlet("home");
        assertNull(home.loadOnStartup());
        assertFalse(home.asyncSupported());
        assertTrue(home.enabled());
        assertNull(d.servlet("nobody"));
        assertEquals(List.of("orders", "legacy", "uploads", "home"), d.servlets().stream().map(ServletDef::name).toList());

        assertEquals(List.of(new ServletMappingDef("orders", List.of("/api/*", "/orders")),
                new ServletMappingDef("legacy", List.of("*.do")),
                new ServletMappingDef("home", List.of(""))), d.servletMappings());

        assertEquals(30, d.sessionTimeoutMinutes());
        assertEquals(Map.of("webmanifest", "application/manifest+json", "wasm", "application/wasm"), d.mimeMappings());
        assertEquals(List.of("index.html", "index.htm"), d.welcomeFiles());
        assertEquals(List.of(new ErrorPageDef(404, null, "/errors/not-found.html"),
                new ErrorPageDef(null, "java.lang.IllegalStateException", "/errors/state"),
                new ErrorPageDef(null, null, "/errors/general.html")), d.errorPages());
        assertTrue(d.errorPages().get(2).isDefault());
        assertEquals("UTF-8", d.requestCharacterEncoding());
        assertEquals("UTF-8", d.responseCharacterEncoding());
        assertEquals(List.of("security-constraint", "login-config", "security-role", "jsp-config",
                "locale-encoding-mapping-list"), d.ignoredElements());
        assertEquals("audit", d.filter("audit").name());
    }

    @Test
    void aServlet23DoctypeDescriptorReadsWithoutItsDtd() throws Exception {
        WebDescriptor d = Descriptors.resource("servlet-2.3.xml");
        assertEquals("2.3", d.version());
        assertTrue(d.metadataComplete(), "a descriptor older than 2.5 predates annotations");
        assertEquals("Caf\u00e9 Struts", d.displayName());
        assertEquals(Map.of("owner", "Andr\u00e9"), d.contextParams(), "declared ISO-8859-1 is honoured");
        assertEquals(List.of(new ServletDef("action", "org.apache.struts.action.ActionServlet",
                Map.of("config", "/WEB-INF/struts-config.xml"), 2, false, true, null)), d.servlets());
        assertEquals(List.of(new ServletMappingDef("action", List.of("*.do"))), d.servletMappings());
        assertEquals(List.of(new FilterMappingDef("setCharacterEncoding", List.of("/*"), List.of(),
                EnumSet.noneOf(DispatcherType.class))), d.filterMappings());
        assertEquals(EnumSet.of(DispatcherType.REQUEST), d.filterMappings().get(0).dispatchers());
        assertEquals(20, d.sessionTimeoutMinutes());
        assertEquals(List.of("index.do"), d.welcomeFiles());
        assertEquals(List.of(new ErrorPageDef(500, null, "/error.do")), d.errorPages());
        assertEquals(List.of("org.example.ContextLoaderListener"), d.listeners());
        assertEquals(List.of("taglib", "resource-ref"), d.ignoredElements());
        assertNull(d.requestCharacterEncoding());
    }

    @Test
    void everyNamespaceOfTheLastTwentyYearsIsAccepted() throws Exception {
        String[][] cases = {
            {"https://jakarta.ee/xml/ns/jakartaee", "5.0", "false"},
            {"http://xmlns.jcp.org/xml/ns/javaee", "4.0", "false"},
            {"http://xmlns.jcp.org/xml/ns/javaee", "3.1", "false"},
            {"http://java.sun.com/xml/ns/javaee", "3.0", "false"},
            {"http://java.sun.com/xml/ns/javaee", "2.5", "false"},
            {"http://java.sun.com/xml/ns/j2ee", "2.4", "true"},
        };
        for (String[] c : cases) {
            WebDescriptor d = parse("<web-app xmlns='" + c[0] + "' version='" + c[1] + "'>"
                    + "<servlet><servlet-name>s</servlet-name><servlet-class>a.S</servlet-class></servlet>"
                    + "<servlet-mapping><servlet-name>s</servlet-name><url-pattern>/s</url-pattern></servlet-mapping>"
                    + "</web-app>");
            assertEquals(c[1], d.version());
            assertEquals(Boolean.parseBoolean(c[2]), d.metadataComplete(), c[1]);
            assertEquals("a.S", d.servlet("s").className());
            assertEquals(List.of("/s"), d.servletMappings().get(0).urlPatterns());
        }
    }

    @Test
    void aPrefixedNamespaceReadsTheSame() throws Exception {
        WebDescriptor d = parse("<j:web-app xmlns:j='https://jakarta.ee/xml/ns/jakartaee' version='6.0'>"
                + "<j:display-name>P</j:display-name><display-name>not ours</display-name></j:web-app>");
        assertEquals("P", d.displayName());
    }

    @Test
    void aDescriptorWithoutNamespaceOrDoctypeIsReadAsModern() throws Exception {
        WebDescriptor d = parse("<web-app><display-name>bare</display-name></web-app>");
        assertNull(d.version());
        assertFalse(d.metadataComplete());
        assertEquals("bare", d.displayName());
    }

    @Test
    void metadataCompleteIsTheAttributeWhenGiven() throws Exception {
        String ns = "xmlns='https://jakarta.ee/xml/ns/jakartaee'";
        assertTrue(parse("<web-app " + ns + " version='6.1' metadata-complete='true'/>").metadataComplete());
        assertFalse(parse("<web-app " + ns + " version='6.1' metadata-complete='false'/>").metadataComplete());
        assertFalse(parse("<web-app xmlns='http://java.sun.com/xml/ns/j2ee' version='2.4' metadata-complete='0'/>")
                .metadataComplete());
    }

    @Test
    void anEmptyDescriptorHasEmptyParts() throws Exception {
        WebDescriptor d = parse(app(""));
        assertNull(d.displayName());
        assertTrue(d.contextParams().isEmpty() && d.listeners().isEmpty() && d.servlets().isEmpty()
                && d.servletMappings().isEmpty() && d.filters().isEmpty() && d.filterMappings().isEmpty()
                && d.welcomeFiles().isEmpty() && d.errorPages().isEmpty() && d.mimeMappings().isEmpty()
                && d.ignoredElements().isEmpty());
        assertNull(d.sessionTimeoutMinutes());
        assertNull(d.requestCharacterEncoding());
        assertNull(d.responseCharacterEncoding());
    }

    @Test
    void welcomeFileListsAddUp() throws Exception {
        WebDescriptor d = parse(app("<welcome-file-list><welcome-file>index.html</welcome-file></welcome-file-list>"
                + "<welcome-file-list><welcome-file> default.htm </welcome-file>"
                + "<welcome-file>docs/start.html</welcome-file></welcome-file-list>"));
        assertEquals(List.of("index.html", "default.htm", "docs/start.html"), d.welcomeFiles());
    }

    @Test
    void aSessionConfigWithoutTimeoutLeavesTheDefault() throws Exception {
        assertNull(parse(app("<session-config><tracking-mode>COOKIE</tracking-mode></session-config>"))
                .sessionTimeoutMinutes());
        assertEquals(-1, parse(app("<session-config><session-timeout>-1</session-timeout></session-config>"))
                .sessionTimeoutMinutes());
    }

    @Test
    void dispatchersMayBeWrittenInLowerCase() throws Exception {
        WebDescriptor d = parse(app("<filter><filter-name>f</filter-name><filter-class>a.F</filter-class></filter>"
                + "<filter-mapping><filter-name>f</filter-name><url-pattern>/*</url-pattern>"
                + "<dispatcher>include</dispatcher><dispatcher>ERROR</dispatcher><dispatcher>ERROR</dispatcher>"
                + "</filter-mapping>"));
        FilterMappingDef m = d.filterMappings().get(0);
        assertEquals(EnumSet.of(DispatcherType.INCLUDE, DispatcherType.ERROR), m.dispatchers());
        assertTrue(m.appliesTo(DispatcherType.INCLUDE));
        assertFalse(m.appliesTo(DispatcherType.REQUEST));
    }

    @Test
    void cdataAndCommentsAreReadAsText() throws Exception {
        WebDescriptor d = parse(app("<context-param><param-name>q</param-name>"
                + "<param-value><![CDATA[a < b && c]]><!-- why --> d</param-value></context-param>"));
        assertEquals("a < b && c d", d.contextParams().get("q"));
    }

    @Test
    void theRecordsCannotBeChangedFromOutside() throws Exception {
        WebDescriptor d = Descriptors.resource("servlet-6.1.xml");
        assertThrows(UnsupportedOperationException.class, () -> d.contextParams().put("x", "y"));
        assertThrows(UnsupportedOperationException.class, () -> d.servlets().clear());
        assertThrows(UnsupportedOperationException.class, () -> d.servlet("orders").initParams().clear());
        FilterMappingDef m = d.filterMappings().get(0);
        m.dispatchers().clear();
        assertEquals(3, m.dispatchers().size());
        assertThrows(IllegalArgumentException.class, () -> new ErrorPageDef(404, "java.lang.Error", "/e"));
    }
}
