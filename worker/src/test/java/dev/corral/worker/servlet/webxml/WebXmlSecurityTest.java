package dev.corral.worker.servlet.webxml;

import static dev.corral.worker.servlet.webxml.Descriptors.assertContains;
import static dev.corral.worker.servlet.webxml.Descriptors.parse;
import static dev.corral.worker.servlet.webxml.Descriptors.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A descriptor is read from its own bytes only: no file, no URL, however it asks. */
class WebXmlSecurityTest {
    private static final String APP = "<web-app xmlns='https://jakarta.ee/xml/ns/jakartaee' version='6.1'>";

    @TempDir
    Path dir;
    private Path secret;
    private HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();

    @BeforeEach
    void secretFileAndALoopbackServerThatCountsFetches() throws IOException {
        secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET");
        Files.writeString(dir.resolve("evil.dtd"),
                "<!ENTITY leak 'FROM-DTD'><!ATTLIST web-app metadata-complete CDATA 'true'>");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            fetches.incrementAndGet();
            byte[] body = "<!ENTITY leak 'FROM-HTTP'>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private String http(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void anExternalEntityOnEtcHostnameIsRefusedUnread() {
        String p = problem("<?xml version='1.0'?>\n<!DOCTYPE web-app [\n<!ENTITY host SYSTEM 'file:///etc/hostname'>\n]>\n"
                + APP + "<display-name>&host;</display-name></web-app>");
        assertContains("declares the external entity \"host\"", p);
        assertHostnameAbsent(p);
    }

    @Test
    void anExternalEntityOnAFileIsRefusedUnread() {
        String p = problem("<!DOCTYPE web-app [<!ENTITY s SYSTEM '" + secret.toUri() + "'>]>" + APP
                + "<context-param><param-name>p</param-name><param-value>&s;</param-value></context-param></web-app>");
        assertContains("external entity \"s\"", p);
        assertFalse(p.contains("TOP-SECRET"), p);
    }

    @Test
    void anExternalEntityOverHttpIsNeverFetched() {
        String p = problem("<!DOCTYPE web-app [<!ENTITY s SYSTEM '" + http("/entity") + "'>]>" + APP
                + "<display-name>&s;</display-name></web-app>");
        assertContains("external entity \"s\"", p);
        assertEquals(0, fetches.get());
    }

    @Test
    void anExternalParameterEntityIsNotRead() {
        // Were the parameter entity read, "leak" would be declared and the document would parse.
        String p = problem("<!DOCTYPE web-app [<!ENTITY % dtd SYSTEM '" + dir.resolve("evil.dtd").toUri() + "'> %dtd;]>"
                + APP + "<display-name>&leak;</display-name></web-app>");
        assertContains("malformed XML", p);
        assertContains("\"leak\"", p);
        assertFalse(p.contains("FROM-DTD"), p);
        problem("<!DOCTYPE web-app [<!ENTITY % dtd SYSTEM '" + http("/param") + "'> %dtd;]>"
                + APP + "<display-name>&leak;</display-name></web-app>");
        assertEquals(0, fetches.get());
    }

    @Test
    void theDoctypesDtdIsNeverLoaded() throws Exception {
        // The DTD would add metadata-complete='true' as a default attribute, and declare "leak".
        WebDescriptor d = parse("<!DOCTYPE web-app SYSTEM '" + dir.resolve("evil.dtd").toUri() + "'>" + APP
                + "<display-name>[&leak;]</display-name></web-app>");
        assertFalse(d.metadataComplete());
        assertEquals("[]", d.displayName());
        d = parse("<!DOCTYPE web-app PUBLIC '-//Sun Microsystems, Inc.//DTD Web Application 2.3//EN' '"
                + http("/dtd/web-app_2_3.dtd") + "'><web-app><display-name>[&leak;]</display-name></web-app>");
        assertEquals("2.3", d.version());
        assertEquals("[]", d.displayName());
        assertEquals(0, fetches.get());
    }

    @Test
    void xincludeIsNotProcessed() throws Exception {
        WebDescriptor d = parse(APP.replace(">", " xmlns:xi='http://www.w3.org/2001/XInclude'>")
                + "<display-name>[<xi:include href='" + secret.toUri() + "' parse='text'/>]</display-name></web-app>");
        assertEquals("[]", d.displayName());
        d = parse(APP.replace(">", " xmlns:xi='http://www.w3.org/2001/XInclude'>")
                + "<display-name>[<xi:include href='" + http("/xi") + "' parse='text'/>]</display-name></web-app>");
        assertEquals("[]", d.displayName());
        assertEquals(0, fetches.get());
    }

    @Test
    void internalEntitiesAreExpanded() throws Exception {
        WebDescriptor d = parse("<!DOCTYPE web-app [<!ENTITY pkg 'com.example.shop'>]>" + APP
                + "<listener><listener-class>&pkg;.Startup</listener-class></listener></web-app>");
        assertEquals("com.example.shop.Startup", d.listeners().get(0));
    }

    @Test
    void billionLaughsStopsAtTheJdksLimit() {
        StringBuilder xml = new StringBuilder("<!DOCTYPE web-app [<!ENTITY l0 'lol'>");
        for (int i = 1; i < 10; i++) {
            xml.append("<!ENTITY l").append(i).append(" '").append(("&l" + (i - 1) + ";").repeat(10)).append("'>");
        }
        xml.append("]>").append(APP).append("<display-name>&l9;</display-name></web-app>");
        assertContains("entity expansions", problem(xml.toString()));
    }

    private static void assertHostnameAbsent(String message) {
        try {
            String hostname = Files.readString(Path.of("/etc/hostname")).trim();
            if (!hostname.isEmpty()) {
                assertFalse(message.contains(hostname), message);
            }
        } catch (IOException e) {
            // No /etc/hostname here: nothing it could leak. The temporary-file cases cover the same ground.
        }
    }
}
