package dev.corral.worker.servlet.request;

import dev.corral.worker.http.wire.HttpDate;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP dates (RFC 9110 §5.6.7) both ways, for {@code getDateHeader} and
 * {@code setDateHeader}. Pure (but for the clock {@link #parse(String)} reads); any thread.
 */
public final class HttpDates {
    private static final String DAY = "(Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
    private static final String MONTH = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
    private static final String TIME = "(\\d{2}):(\\d{2}):(\\d{2})";
    private static final List<String> MONTHS =
            List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

    // Names in any case: the RFC makes them case-sensitive, but a client that sends "GMT" as "gmt"
    // still meant a date, and Tomcat's SimpleDateFormat parsing reads it too.
    private static final Pattern IMF_FIXDATE =
            Pattern.compile(DAY + ", (\\d{2}) " + MONTH + " (\\d{4}) " + TIME + " GMT", Pattern.CASE_INSENSITIVE);
    private static final Pattern RFC_850 = Pattern.compile(
            "(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\\d{2})-" + MONTH + "-(\\d{2}) " + TIME
                    + " GMT", Pattern.CASE_INSENSITIVE);
    private static final Pattern ASCTIME =
            Pattern.compile(DAY + " " + MONTH + " ([ \\d]\\d) " + TIME + " (\\d{4})", Pattern.CASE_INSENSITIVE);

    private HttpDates() {
    }

    /** {@link #parse(String, long)} at the system clock's now. */
    public static long parse(String value) {
        return parse(value, System.currentTimeMillis());
    }

    /**
     * {@code value} in epoch milliseconds, read in any of the three formats a recipient must
     * accept: IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37 GMT}), RFC 850
     * ({@code Sunday, 06-Nov-94 08:49:37 GMT}) and asctime ({@code Sun Nov  6 08:49:37 1994}).
     * The day name is not checked against the date. A second of 60 (a leap second) is the next
     * minute's first.
     *
     * @param nowMillis the present, for RFC 850's two-digit year: the century that puts the date
     *     no more than 50 years ahead of now, as RFC 9110 says
     * @return the time, or -1 when {@code value} is null or none of the three (or names a day that
     *     does not exist): the bridge's {@code getDateHeader} turns that into the
     *     {@link IllegalArgumentException} the Servlet API asks for when the header is present
     */
    public static long parse(String value, long nowMillis) {
        if (value == null) {
            return -1;
        }
        String v = value.strip();
        Matcher m = IMF_FIXDATE.matcher(v);
        if (m.matches()) {
            return millis(num(m, 4), m.group(3), num(m, 2), num(m, 5), num(m, 6), num(m, 7));
        }
        m = RFC_850.matcher(v);
        if (m.matches()) {
            ZonedDateTime now = Instant.ofEpochMilli(nowMillis).atZone(ZoneOffset.UTC);
            int year = now.getYear() - Math.floorMod(now.getYear(), 100) + num(m, 4);
            long t = millis(year, m.group(3), num(m, 2), num(m, 5), num(m, 6), num(m, 7));
            if (t > now.plusYears(50).toInstant().toEpochMilli()) {
                t = millis(year - 100, m.group(3), num(m, 2), num(m, 5), num(m, 6), num(m, 7));
            }
            return t;
        }
        m = ASCTIME.matcher(v);
        if (m.matches()) {
            return millis(num(m, 7), m.group(2), Integer.parseInt(m.group(3).strip()), num(m, 4), num(m, 5),
                    num(m, 6));
        }
        return -1;
    }

    /** {@code epochMillis} as an IMF-fixdate, the one format a sender may use. */
    public static String format(long epochMillis) {
        return HttpDate.format(epochMillis);
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    private static long millis(int year, String month, int day, int hour, int minute, int second) {
        if (hour > 23 || minute > 59 || second > 60) {
            return -1;
        }
        try {
            long days = LocalDate.of(year, MONTHS.indexOf(month.toLowerCase(Locale.ROOT)) + 1, day).toEpochDay();
            return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L;
        } catch (DateTimeException noSuchDay) {
            return -1;
        }
    }
}
