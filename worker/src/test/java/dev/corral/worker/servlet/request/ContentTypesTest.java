package dev.corral.worker.servlet.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A Content-Type's media type and charset, and the value with another charset. */
class ContentTypesTest {
    @Test
    void theMimeTypeIsWithoutParametersInLowerCase() {
        assertEquals("text/html", ContentTypes.mimeType("Text/HTML; charset=UTF-8"));
        assertEquals("application/json", ContentTypes.mimeType("  application/json  ;x=y"));
        assertEquals("text/plain", ContentTypes.mimeType("text/plain"));
        assertNull(ContentTypes.mimeType(null));
        assertNull(ContentTypes.mimeType(""));
        assertNull(ContentTypes.mimeType("  ; charset=utf-8"));
    }

    @Test
    void theCharsetIsItsParameterUnquoted() {
        assertEquals("UTF-8", ContentTypes.charset("text/html;charset=UTF-8"));
        assertEquals("utf-8", ContentTypes.charset("text/html ; Charset = utf-8 "));
        assertEquals("utf-8", ContentTypes.charset("text/html; CHARSET=\"utf-8\""));
        assertEquals("a\"b", ContentTypes.charset("text/html; charset=\"a\\\"b\""));
        assertEquals("utf-8", ContentTypes.charset("text/plain; foo=\"a;charset=evil\"; charset=utf-8"));
    }

    @Test
    void noOrAnEmptyCharsetIsNull() {
        assertNull(ContentTypes.charset(null));
        assertNull(ContentTypes.charset("text/plain"));
        assertNull(ContentTypes.charset("text/plain; charset="));
        assertNull(ContentTypes.charset("text/plain; charset=\"\""));
        assertNull(ContentTypes.charset("text/plain; charset"));
        assertNull(ContentTypes.charset("text/plain; mycharset=utf-8"));
    }

    @Test
    void ofTwoCharsetsTheLastCountsAsInTomcat() {
        assertEquals("utf-8", ContentTypes.charset("text/plain; charset=latin1; charset=utf-8"));
    }

    @Test
    void withCharsetAddsOrReplacesIt() {
        assertEquals("text/html;charset=UTF-8", ContentTypes.withCharset("text/html", "UTF-8"));
        assertEquals("text/html;charset=UTF-8", ContentTypes.withCharset("text/html; charset=ISO-8859-1", "UTF-8"));
        assertEquals("text/html;charset=UTF-8", ContentTypes.withCharset("text/html; CharSet=a; charset = b", "UTF-8"));
        assertEquals("multipart/form-data;boundary=\"x;y\";charset=UTF-8",
                ContentTypes.withCharset("multipart/form-data; charset=latin1; boundary=\"x;y\"", "UTF-8"));
        assertEquals("Text/Plain;format=flowed;charset=UTF-8",
                ContentTypes.withCharset("Text/Plain; format=flowed;", "UTF-8"));
    }

    @Test
    void withANullCharsetTheParameterGoes() {
        assertEquals("text/html;level=1", ContentTypes.withCharset("text/html; charset=utf-8; level=1", null));
        assertEquals("text/html", ContentTypes.withCharset("text/html", null));
        assertNull(ContentTypes.withCharset(null, "UTF-8"));
    }

    @Test
    void aCharsetThatWouldBreakTheHeaderIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ContentTypes.withCharset("text/html", "utf-8;x=y"));
        assertThrows(IllegalArgumentException.class, () -> ContentTypes.withCharset("text/html", "utf-8\r\nX: y"));
        assertThrows(IllegalArgumentException.class, () -> ContentTypes.withCharset("text/html", ""));
    }
}
