package dev.corral.worker.http.wire;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The {@code Date} header line, in IMF-fixdate (RFC 9110 §5.6.7: {@code Tue, 01 Dec 2026
 * 04:05:06 GMT}, the day always two digits), formatted at most once a second: it changes once a
 * second, and formatting it per response would be wasted work. The one date cache of the
 * worker; safe from any thread (a race formats the same second twice).
 */
public final class HttpDate {
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** The system clock's. */
    public static final HttpDate SYSTEM = new HttpDate(System::currentTimeMillis);

    private final LongSupplier clockMillis;
    private volatile Line cached = new Line(Long.MIN_VALUE, "", new byte[0]);

    private record Line(long second, String value, byte[] bytes) {
    }

    /** @param clockMillis the wall clock, in epoch milliseconds */
    public HttpDate(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    /** {@code epochMillis} as an IMF-fixdate. */
    public static String format(long epochMillis) {
        return IMF_FIXDATE.format(Instant.ofEpochMilli(epochMillis));
    }

    /** {@code Date: <now>} and CRLF, as bytes to copy into a response head. */
    byte[] headerLine() {
        return now().bytes;
    }

    /** The value of a {@code Date} field for now. */
    String value() {
        return now().value;
    }

    private Line now() {
        long now = clockMillis.getAsLong();
        long second = Math.floorDiv(now, 1000);
        Line line = cached;
        if (line.second != second) {
            String value = format(now);
            line = new Line(second, value, ("Date: " + value + "\r\n").getBytes(StandardCharsets.US_ASCII));
            cached = line;
        }
        return line;
    }
}
