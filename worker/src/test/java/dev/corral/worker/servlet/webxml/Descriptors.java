package dev.corral.worker.servlet.webxml;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Builds and parses descriptors for the web.xml tests. */
final class Descriptors {
    static final String SOURCE = "shop.war!/WEB-INF/web.xml";

    private Descriptors() {
    }

    /** {@code body} inside a Servlet 6.1 {@code <web-app>}. */
    static String app(String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.1\">\n" + body + "\n</web-app>\n";
    }

    static WebDescriptor parse(String xml) throws WebXmlException {
        return WebXml.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), SOURCE);
    }

    static WebDescriptor resource(String name) throws WebXmlException {
        try (InputStream in = Descriptors.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + name);
            }
            return WebXml.parse(in, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The problem of a descriptor that must fail, after checking the message is one line naming the source. */
    static String problem(String xml) {
        WebXmlException e = assertThrows(WebXmlException.class, () -> parse(xml));
        assertTrue(e.getMessage().startsWith(SOURCE + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), e.getMessage());
        assertTrue(e.getMessage().endsWith(e.problem()), e.getMessage());
        return e.problem();
    }

    static void assertContains(String expected, String actual) {
        assertTrue(actual.contains(expected), () -> "expected \"" + expected + "\" in: " + actual);
    }
}
