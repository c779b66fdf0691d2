package dev.corral.worker.servlet.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cookie fields into cookies and cookies into Set-Cookie values, as Tomcat 11 does them. */
class CookiesTest {
    private static final long NOW = Instant.parse("2026-12-01T04:05:06Z").toEpochMilli();

    /** The cookies of one field, as {@code name=value} strings. */
    private static List<String> parse(String... headers) {
        List<String> out = new ArrayList<>();
        for (Cookie c : Cookies.parse(List.of(headers))) {
            out.add(c.getName() + "=" + c.getValue());
        }
        return out;
    }

    private static String header(Cookie c) {
        return Cookies.setCookieHeader(c, NOW);
    }

    @Test
    void readsPairsInOrderAcrossFields() {
        assertEquals(List.of("a=1", "b=2", "c=3"), parse("a=1; b=2", "c=3"));
        assertEquals(List.of("a=1", "b=2"), parse("a=1;b=2;"));
        assertEquals(List.of("a=1", "b=2"), parse("  a = 1 ;\t; b=2  "));
        assertEquals(0, Cookies.parse(List.of()).length);
        assertEquals(0, Cookies.parse(null).length);
        assertEquals(List.of(), parse("", ";", " ; ;"));
    }

    @Test
    void aNameWithoutEqualsIsACookieWithAnEmptyValue() {
        assertEquals(List.of("a=", "b=2", "c="), parse("a; b=2; c"));
        assertEquals(List.of("a="), parse("a="));
    }

    @Test
    void valuesMayHoldEqualsAndOtherCookieOctets() {
        assertEquals(List.of("a=b=c", "t=x/y:z?#[]!"), parse("a=b=c; t=x/y:z?#[]!"));
    }

    @Test
    void aQuotedValueKeepsItsQuotesAsRfc6265AndTomcatHaveIt() {
        assertEquals(List.of("a=\"xyz\"", "b=\"\""), parse("a=\"xyz\"; b=\"\""));
        // Unterminated: kept as it came, as Tomcat keeps it.
        assertEquals(List.of("a=\"xyz"), parse("a=\"xyz"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "bad=x y", "bad=x,y", "bad=\"x y\"", "bad=\"x\"y", "bad=x\"y", "bad=x\\y", "bad=x\u0001",
        "bad=x\u007f", "b(ad=1", "b ad=1", "bad\"=1", "=1",
    })
    void aMalformedPairIsSkippedAndTheRestRead(String pair) {
        assertEquals(List.of("a=1", "z=2"), parse("a=1; " + pair + "; z=2"));
    }

    @Test
    void dollarNamesAreOrdinaryCookiesSinceRfc2109IsGone() {
        assertEquals(List.of("$Version=1", "a=b", "$Path=/"), parse("$Version=1; a=b; $Path=/"));
    }

    @Test
    void valueOctetsAreUtf8() {
        String wire = new String("n=café".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertEquals(List.of("n=café"), parse(wire));
        assertEquals(List.of("n=\uFFFD"), parse("n=\u00e9"));
    }

    @Test
    void aPlainCookieIsItsNameAndValue() {
        assertEquals("a=b", header(new Cookie("a", "b")));
        assertEquals("a=", header(new Cookie("a", "")));
        assertEquals("a=", header(new Cookie("a", null)));
        assertEquals("a=\"quoted\"", header(new Cookie("a", "\"quoted\"")));
    }

    @Test
    void aZeroMaxAgeIsOnlyAnExpiresInThePast() {
        Cookie c = new Cookie("a", "b");
        c.setMaxAge(0);
        assertEquals("a=b; Expires=Thu, 01 Jan 1970 00:00:10 GMT", header(c));
    }

    @Test
    void aPositiveMaxAgeIsSentAsExpiresAndMaxAge() {
        Cookie c = new Cookie("a", "b");
        c.setMaxAge(3600);
        assertEquals("a=b; Expires=Tue, 01 Dec 2026 05:05:06 GMT; Max-Age=3600", header(c));
        c.setMaxAge(-1);
        assertEquals("a=b", header(c));
        c.setMaxAge(Integer.MAX_VALUE);
        assertTrue(header(c).endsWith("; Max-Age=2147483647"), header(c));
    }

    @Test
    void theSystemClockIsTheDefaultNow() {
        Cookie c = new Cookie("a", "b");
        c.setMaxAge(10);
        long before = System.currentTimeMillis();
        String h = Cookies.setCookieHeader(c);
        String expires = h.substring(h.indexOf("Expires=") + 8, h.indexOf("; Max-Age"));
        long t = HttpDates.parse(expires);
        assertTrue(t >= before / 1000 * 1000 + 10_000 && t <= System.currentTimeMillis() + 10_000, h);
    }

    @Test
    void attributesComeInTomcatsOrder() {
        Cookie c = new Cookie("id", "42");
        c.setAttribute("Zeta", "z");
        c.setAttribute("Partitioned", "");
        c.setAttribute("SameSite", "Lax");
        c.setHttpOnly(true);
        c.setSecure(true);
        c.setPath("/app");
        c.setDomain("Example.COM");
        c.setAttribute("Alpha", "");
        assertEquals("id=42; Domain=example.com; Path=/app; Secure; HttpOnly; SameSite=Lax; Partitioned; Alpha;"
                + " Zeta=z", header(c));
    }

    @Test
    void partitionedIsSentOnlyWhenItsValueIsEmpty() {
        Cookie c = new Cookie("a", "b");
        c.setAttribute("Partitioned", "true");
        assertEquals("a=b", header(c));
    }

    @Test
    void theDeprecatedCommentIsNotSent() {
        Cookie c = new Cookie("a", "b");
        c.setAttribute("Comment", "hello");
        assertEquals("a=b", header(c));
    }

    @ParameterizedTest(name = "0x{0}")
    @ValueSource(strings = {"0d", "0a", "3b", "2c", "20", "09", "22", "5c", "7f", "00"})
    void aValueThatWouldBreakTheHeaderIsRefused(String hex) {
        String bad = "x" + (char) Integer.parseInt(hex, 16) + "y";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> header(new Cookie("a", bad)));
        assertTrue(e.getMessage().contains("0x" + Integer.toHexString(Integer.parseInt(hex, 16))), e.getMessage());
        // Quotes around it change nothing inside: RFC 6265 quotes hold cookie-octets too.
        assertThrows(IllegalArgumentException.class, () -> header(new Cookie("a", "\"" + bad + "\"")));
    }

    @Test
    void aNonAsciiValueIsSentAsUtf8OctetsAndReadBack() {
        String h = header(new Cookie("n", "café"));
        assertEquals("n=caf\u00c3\u00a9", h);
        assertEquals(List.of("n=café"), parse(h));
        String euro = header(new Cookie("n", "€"));
        assertEquals(List.of("n=€"), parse(euro));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {".example.com", "a..b", "-a.com", "a-.com", "a.com.", "a.com-", "ex ample.com",
        "ex_ample.com", "a;b", "a\r\nb"})
    void aDomainMustBeAHostName(String domain) {
        Cookie c = new Cookie("a", "b");
        c.setDomain(domain);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> header(c));
        assertTrue(e.getMessage().contains("domain"), e.getMessage());
    }

    @Test
    void aDomainOfLabelsIsSent() {
        Cookie c = new Cookie("a", "b");
        c.setDomain("sub-1.example-2.com");
        assertEquals("a=b; Domain=sub-1.example-2.com", header(c));
    }

    @Test
    void aPathOrAttributeValueMustBePrintableAsciiWithoutSemicolon() {
        String[][] cases = {{"Path", "/a;b"}, {"Path", "/a\rb"}, {"Path", "/\u00e9"}, {"SameSite", "Lax\nX: y"},
            {"Other", "v;w"}, {"Other", "v\u0000"}};
        for (String[] nameAndValue : cases) {
            Cookie c = new Cookie("a", "b");
            c.setAttribute(nameAndValue[0], nameAndValue[1]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> header(c),
                    nameAndValue[0] + "=" + nameAndValue[1]);
            assertTrue(e.getMessage().contains(nameAndValue[0]), e.getMessage());
        }
    }
}
