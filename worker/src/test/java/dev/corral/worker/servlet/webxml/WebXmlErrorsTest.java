package dev.corral.worker.servlet.webxml;

import static dev.corral.worker.servlet.webxml.Descriptors.app;
import static dev.corral.worker.servlet.webxml.Descriptors.assertContains;
import static dev.corral.worker.servlet.webxml.Descriptors.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Each fault fails the parse with one line that names the file and says what is wrong. */
class WebXmlErrorsTest {
    private static final String SERVLET = "<servlet><servlet-name>s</servlet-name><servlet-class>a.S</servlet-class></servlet>";
    private static final String FILTER = "<filter><filter-name>f</filter-name><filter-class>a.F</filter-class></filter>";

    private static String servlet(String inside) {
        return app("<servlet><servlet-name>s</servlet-name><servlet-class>a.S</servlet-class>" + inside + "</servlet>");
    }

    @Test
    void malformedXmlIsReportedWithItsLine() {
        String p = problem("<?xml version='1.0'?>\n<web-app>\n  <servlet>\n    <servlet-name>a</servlet-name>\n</web-app>\n");
        assertContains("malformed XML at line 5, column 3:", p);
        assertContains("\"servlet\" must be terminated", p);
        assertContains("malformed XML at line 1", problem(""));
        assertContains("malformed XML at line 1", problem("not xml at all"));
        assertContains("malformed XML at line 2", problem("<web-app>\n<display-name>a &amp b</display-name></web-app>"));
    }

    @Test
    void anUnreadableStreamIsReported() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk on fire");
            }
        };
        WebXmlException e = assertThrows(WebXmlException.class, () -> WebXml.parse(broken, "x/web.xml"));
        assertEquals("x/web.xml", e.source());
        assertContains("cannot be read", e.getMessage());
        assertContains("disk on fire", e.getMessage());
    }

    @Test
    void theRootMustBeAWebAppOfAKnownNamespace() {
        assertContains("the root element is <web-fragment>, not <web-app>",
                problem("<web-fragment xmlns='https://jakarta.ee/xml/ns/jakartaee'/>"));
        assertContains("namespace urn:other", problem("<web-app xmlns='urn:other'/>"));
        assertContains("version \"six\"", problem("<web-app version='six'/>"));
        assertContains("metadata-complete attribute is \"yes\"", problem("<web-app metadata-complete='yes'/>"));
    }

    @Test
    void aJspServletIsRefused() {
        String p = problem(app("<servlet><servlet-name>page</servlet-name><jsp-file>/index.jsp</jsp-file></servlet>"));
        assertContains("servlet \"page\" is the JSP page /index.jsp: Corral does not support JSP", p);
    }

    @Test
    void aServletNeedsANameAndAClass() {
        assertContains("a <servlet> has no <servlet-name>", problem(app("<servlet><servlet-class>a.S</servlet-class></servlet>")));
        assertContains("servlet \"s\" has no <servlet-class>", problem(app("<servlet><servlet-name>s</servlet-name></servlet>")));
        assertContains("servlet \"s\" has no <servlet-class>",
                problem(app("<servlet><servlet-name>s</servlet-name><servlet-class> </servlet-class></servlet>")));
        assertContains("servlet \"s\" has 2 <servlet-class> elements", problem(servlet("<servlet-class>b.S</servlet-class>")));
    }

    @Test
    void aServletsValuesMustParse() {
        assertContains("<load-on-startup> of servlet \"s\" is \"true\", not a whole number",
                problem(servlet("<load-on-startup>true</load-on-startup>")));
        assertContains("out of range", problem(servlet("<load-on-startup>99999999999</load-on-startup>")));
        assertContains("<enabled> of servlet \"s\" is \"yes\", not true or false", problem(servlet("<enabled>yes</enabled>")));
        assertContains("<async-supported> of servlet \"s\"", problem(servlet("<async-supported>maybe</async-supported>")));
        assertContains("<max-file-size> of the <multipart-config> of servlet \"s\" is \"10MB\"",
                problem(servlet("<multipart-config><max-file-size>10MB</max-file-size></multipart-config>")));
        assertContains("servlet \"s\" has two <init-param> named \"a\"", problem(servlet(
                "<init-param><param-name>a</param-name><param-value>1</param-value></init-param>"
                + "<init-param><param-name>a</param-name><param-value>2</param-value></init-param>")));
        assertContains("a <init-param> of servlet \"s\" has no <param-name>",
                problem(servlet("<init-param><param-value>1</param-value></init-param>")));
    }

    @Test
    void namesAreDeclaredOnce() {
        assertContains("servlet \"s\" is declared twice", problem(app(SERVLET + SERVLET)));
        assertContains("filter \"f\" is declared twice", problem(app(FILTER + FILTER)));
        assertContains("<web-app> has two <context-param> named \"k\"", problem(app(
                "<context-param><param-name>k</param-name><param-value>1</param-value></context-param>"
                + "<context-param><param-name>k</param-name><param-value>2</param-value></context-param>")));
    }

    @Test
    void aServletMappingMustNameADeclaredServletAndValidPatterns() {
        assertContains("a <servlet-mapping> names servlet \"ghost\", which is not declared", problem(app(SERVLET
                + "<servlet-mapping><servlet-name>ghost</servlet-name><url-pattern>/g</url-pattern></servlet-mapping>")));
        assertContains("the <servlet-mapping> of servlet \"s\" has no <url-pattern>",
                problem(app(SERVLET + "<servlet-mapping><servlet-name>s</servlet-name></servlet-mapping>")));
        assertContains("the <servlet-mapping> of servlet \"s\": url-pattern \"/a*\" has a '*'", problem(app(SERVLET
                + "<servlet-mapping><servlet-name>s</servlet-name><url-pattern>/a*</url-pattern></servlet-mapping>")));
        assertContains("url-pattern \"index.html\" must start with '/'", problem(app(SERVLET
                + "<servlet-mapping><servlet-name>s</servlet-name><url-pattern>index.html</url-pattern></servlet-mapping>")));
    }

    @Test
    void aUrlPatternIsMappedOnce() {
        String two = SERVLET.replace(">s<", ">t<");
        assertContains("url-pattern \"/x/*\" is mapped twice, to servlet \"s\" and to servlet \"t\"", problem(app(SERVLET + two
                + "<servlet-mapping><servlet-name>s</servlet-name><url-pattern>/x/*</url-pattern></servlet-mapping>"
                + "<servlet-mapping><servlet-name>t</servlet-name><url-pattern>/x/*</url-pattern></servlet-mapping>")));
        assertContains("url-pattern \"\" is mapped twice, to servlet \"s\" and to servlet \"s\"", problem(app(SERVLET
                + "<servlet-mapping><servlet-name>s</servlet-name><url-pattern/><url-pattern></url-pattern></servlet-mapping>")));
    }

    @Test
    void aFilterNeedsAClassAndItsMappingsADeclaredTarget() {
        assertContains("filter \"f\" has no <filter-class>", problem(app("<filter><filter-name>f</filter-name></filter>")));
        assertContains("a <filter> has no <filter-name>", problem(app("<filter><filter-class>a.F</filter-class></filter>")));
        assertContains("a <filter-mapping> names filter \"g\", which is not declared",
                problem(app(FILTER + "<filter-mapping><filter-name>g</filter-name><url-pattern>/*</url-pattern></filter-mapping>")));
        assertContains("the <filter-mapping> of filter \"f\" names servlet \"ghost\", which is not declared",
                problem(app(FILTER + "<filter-mapping><filter-name>f</filter-name><servlet-name>ghost</servlet-name></filter-mapping>")));
        assertContains("a <filter-mapping> of filter \"f\" has neither <url-pattern> nor <servlet-name>",
                problem(app(FILTER + "<filter-mapping><filter-name>f</filter-name></filter-mapping>")));
        assertContains("url-pattern \"*\" must start with '/'",
                problem(app(FILTER + "<filter-mapping><filter-name>f</filter-name><url-pattern>*</url-pattern></filter-mapping>")));
        assertContains("<dispatcher> \"CLIENT\", not one of FORWARD, INCLUDE, REQUEST, ASYNC, ERROR",
                problem(app(FILTER + "<filter-mapping><filter-name>f</filter-name><url-pattern>/*</url-pattern>"
                        + "<dispatcher>CLIENT</dispatcher></filter-mapping>")));
    }

    @Test
    void welcomeFilesArePartialUrls() {
        assertContains("<welcome-file> \"/index.html\" must not start or end with '/'",
                problem(app("<welcome-file-list><welcome-file>/index.html</welcome-file></welcome-file-list>")));
        assertContains("<welcome-file> \"docs/\" must not start or end with '/'",
                problem(app("<welcome-file-list><welcome-file>docs/</welcome-file></welcome-file-list>")));
        assertContains("a <welcome-file> is empty",
                problem(app("<welcome-file-list><welcome-file> </welcome-file></welcome-file-list>")));
    }

    @Test
    void errorPagesAreForOneThingAndAtAPath() {
        assertContains("an <error-page> has both <error-code> 404 and <exception-type> java.lang.Error", problem(app(
                "<error-page><error-code>404</error-code><exception-type>java.lang.Error</exception-type>"
                + "<location>/e</location></error-page>")));
        assertContains("<error-code> \"4O4\", not a three-digit HTTP status",
                problem(app("<error-page><error-code>4O4</error-code><location>/e</location></error-page>")));
        assertContains("the <error-page> for error-code 404 has location \"e.html\", which must start with '/'",
                problem(app("<error-page><error-code>404</error-code><location>e.html</location></error-page>")));
        assertContains("the default <error-page> has no <location>", problem(app("<error-page></error-page>")));
        assertContains("an <error-page> has an empty <exception-type>",
                problem(app("<error-page><exception-type/><location>/e</location></error-page>")));
        assertContains("two <error-page> elements are for error-code 500", problem(app(
                "<error-page><error-code>500</error-code><location>/a</location></error-page>"
                + "<error-page><error-code>500</error-code><location>/b</location></error-page>")));
        assertContains("two <error-page> elements are for the default error page", problem(app(
                "<error-page><location>/a</location></error-page><error-page><location>/b</location></error-page>")));
        assertContains("two <error-page> elements are for exception-type java.io.IOException", problem(app(
                "<error-page><exception-type>java.io.IOException</exception-type><location>/a</location></error-page>"
                + "<error-page><exception-type>java.io.IOException</exception-type><location>/b</location></error-page>")));
    }

    @Test
    void singletonElementsAppearOnce() {
        assertContains("<web-app> has two <session-config> elements",
                problem(app("<session-config/><session-config/>")));
        assertContains("<session-timeout> is \"thirty\", not a whole number",
                problem(app("<session-config><session-timeout>thirty</session-timeout></session-config>")));
        assertContains("<web-app> has two <request-character-encoding> elements", problem(app(
                "<request-character-encoding>UTF-8</request-character-encoding>"
                + "<request-character-encoding>UTF-8</request-character-encoding>")));
    }

    @Test
    void charsetsMustExist() {
        assertContains("<request-character-encoding> \"UTF-9\" is not a charset this JVM supports",
                problem(app("<request-character-encoding>UTF-9</request-character-encoding>")));
        assertContains("<response-character-encoding> \"\" is not a charset",
                problem(app("<response-character-encoding> </response-character-encoding>")));
    }

    @Test
    void mimeMappingsAreCompleteAndUnique() {
        assertContains("two <mime-mapping> elements are for extension \"txt\"", problem(app(
                "<mime-mapping><extension>txt</extension><mime-type>text/plain</mime-type></mime-mapping>"
                + "<mime-mapping><extension>txt</extension><mime-type>text/x</mime-type></mime-mapping>")));
        assertContains("the <mime-mapping> of extension \"txt\" has no <mime-type>",
                problem(app("<mime-mapping><extension>txt</extension></mime-mapping>")));
    }

    @Test
    void aListenerNeedsAClass() {
        assertContains("a <listener> has no <listener-class>", problem(app("<listener><description>x</description></listener>")));
    }
}
