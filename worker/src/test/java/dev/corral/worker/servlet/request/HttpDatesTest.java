package dev.corral.worker.servlet.request;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The three HTTP date formats read, and IMF-fixdate written. */
class HttpDatesTest {
    // RFC 9110 §5.6.7's example instant.
    private static final long EXAMPLE = Instant.parse("1994-11-06T08:49:37Z").toEpochMilli();
    private static final long NOW = Instant.parse("2026-06-01T00:00:00Z").toEpochMilli();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994", "Sun Nov 06 08:49:37 1994", "  Sun, 06 Nov 1994 08:49:37 GMT ",
        "sun, 06 NOV 1994 08:49:37 gmt", "Mon, 06 Nov 1994 08:49:37 GMT"})
    void readsEachFormat(String value) {
        assertEquals(EXAMPLE, HttpDates.parse(value, NOW));
    }

    @Test
    void aTwoDigitYearIsNoMoreThanFiftyYearsAhead() {
        assertEquals(Instant.parse("2030-01-01T00:00:00Z").toEpochMilli(),
                HttpDates.parse("Tuesday, 01-Jan-30 00:00:00 GMT", NOW));
        assertEquals(Instant.parse("2076-06-01T00:00:00Z").toEpochMilli(),
                HttpDates.parse("Monday, 01-Jun-76 00:00:00 GMT", NOW));
        assertEquals(Instant.parse("1976-06-01T00:00:01Z").toEpochMilli(),
                HttpDates.parse("Tuesday, 01-Jun-76 00:00:01 GMT", NOW));
        assertEquals(Instant.parse("2000-01-01T00:00:00Z").toEpochMilli(),
                HttpDates.parse("Saturday, 01-Jan-00 00:00:00 GMT", NOW));
    }

    @Test
    void theSystemClockIsTheDefaultNow() {
        assertEquals(EXAMPLE, HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT"));
        assertEquals(EXAMPLE, HttpDates.parse("Sun, 06 Nov 1994 08:49:37 GMT"));
    }

    @Test
    void aLeapSecondIsTheNextMinutesFirst() {
        assertEquals(Instant.parse("2017-01-01T00:00:00Z").toEpochMilli(),
                HttpDates.parse("Sat, 31 Dec 2016 23:59:60 GMT", NOW));
    }

    @Test
    void datesBefore1970AreNegative() {
        assertEquals(-86_400_000L, HttpDates.parse("Wed, 31 Dec 1969 00:00:00 GMT", NOW));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "garbage", "Sun, 6 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 UTC",
        "Sun, 06 Nov 1994 08:49:37", "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 06 Nov 1994 24:00:00 GMT",
        "Sun, 06 Nov 1994 08:60:00 GMT", "Sun, 06 Nov 1994 08:49:61 GMT", "Sun, 06 Foo 1994 08:49:37 GMT",
        "Sunday, 06-Nov-1994 08:49:37 GMT", "Sun, 06-Nov-94 08:49:37 GMT", "Sun Nov 6 08:49:37 1994",
        "1994-11-06T08:49:37Z", "784111777"})
    void anythingElseIsMinusOne(String value) {
        assertEquals(-1, HttpDates.parse(value, NOW));
    }

    @Test
    void nullIsMinusOne() {
        assertEquals(-1, HttpDates.parse(null));
    }

    @Test
    void formatsImfFixdateWithTwoDigitDays() {
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDates.format(EXAMPLE));
        assertEquals("Thu, 01 Jan 1970 00:00:00 GMT", HttpDates.format(0));
        assertEquals(EXAMPLE, HttpDates.parse(HttpDates.format(EXAMPLE + 999), NOW));
    }
}
