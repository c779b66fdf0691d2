package dev.corral.worker.http.parse;

import dev.corral.worker.control.WorkerSettings;
import java.util.concurrent.TimeUnit;

/**
 * The bounds a request must stay within, with Gunicorn's "0 means unlimited" turned into a
 * sane ceiling, so that no setting can make a worker buffer an unbounded request head.
 *
 * @param requestLine longest request line, CRLF excluded (414 beyond)
 * @param fields most header fields in a head, and separately in a trailer section (431 beyond)
 * @param fieldSize longest header field line, CRLF included, as Gunicorn counts it (431 beyond)
 * @param body largest body in bytes, 0 for no limit (413 beyond)
 * @param headerNanos time allowed for a whole request head, 0 for none (408)
 * @param bodyNanos longest silence while a body is being received, 0 for none (close)
 */
public record RequestLimits(int requestLine, int fields, int fieldSize, long body,
                            long headerNanos, long bodyNanos) {
    static final int MAX_REQUEST_LINE = 65_536;
    static final int MAX_FIELDS = 32_768;
    static final int MAX_FIELD_SIZE = 65_536;

    /** The limits the settings ask for. */
    public static RequestLimits of(WorkerSettings s) {
        return new RequestLimits(
                capped(s.limitRequestLine(), MAX_REQUEST_LINE),
                capped(s.limitRequestFields(), MAX_FIELDS),
                capped(s.limitRequestFieldSize(), MAX_FIELD_SIZE),
                Math.max(0, s.limitRequestBody()),
                TimeUnit.SECONDS.toNanos(Math.max(0, s.headerTimeout())),
                TimeUnit.SECONDS.toNanos(Math.max(0, s.bodyTimeout())));
    }

    private static int capped(int value, int max) {
        return value <= 0 || value > max ? max : value;
    }
}
