package dev.corral.worker.http.conn;

import dev.corral.worker.http.call.Exchange;
import dev.corral.worker.http.parse.Rejection;
import dev.corral.worker.log.AccessEntry;
import dev.corral.worker.log.AccessLog;
import dev.corral.worker.metrics.RequestFigures;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * What each answer leaves behind: its access-log line (none without an access log) and its share
 * of the metrics ({@link RequestFigures}). Event loop only.
 */
public final class ExchangeLog {
    private final AccessLog accessLog;
    private final RequestFigures figures;

    /**
     * @param accessLog the worker's access log, or null when there is none
     * @param figures where the metrics add up, or null for none (the warm-up's requests)
     */
    public ExchangeLog(AccessLog accessLog, RequestFigures figures) {
        this.accessLog = accessLog;
        this.figures = figures;
    }

    /**
     * Logs and counts an answer going out now; returns {@link System#nanoTime()} as read for it,
     * so that the connection's keep-alive wait starts from the same reading (one clock read per
     * answer instead of one per use: on a virtual machine each costs a few percent of a hello).
     */
    public long answered(Exchange exchange, int status, List<Map.Entry<String, String>> responseHeaders,
                         long bodyLength) {
        long now = System.nanoTime();
        long took = now - exchange.startNanos();
        var r = exchange.request();
        if (figures != null) {
            figures.record(r.method(), status, r.body().length, bodyLength, took);
        }
        if (accessLog != null) {
            InetSocketAddress remote = r.remoteAddress();
            long startMillis = System.currentTimeMillis() - took / 1_000_000;
            accessLog.log(new AccessEntry(remote == null ? "-" : remote.getAddress().getHostAddress(), r.method(),
                    r.uri(), exchange.protocol(), status, bodyLength, r.headers(), responseHeaders, startMillis, took));
        }
        return now;
    }

    /**
     * Logs a request the decoder refused, as nginx does: the status sent, and the request line
     * when it was understood ({@code "-"} otherwise). Its header fields are not trusted, so the
     * peer's address is logged even behind a trusted proxy.
     */
    public void rejected(Object peer, Rejection rejection, int bodyLength) {
        if (figures != null && rejection.requestStarted()) {
            figures.record(rejection.method() == null ? "other" : rejection.method(), rejection.status().code(), 0,
                    bodyLength, 0);
        }
        if (accessLog == null || !rejection.requestStarted()) {
            return;
        }
        String remote = peer instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : "-";
        accessLog.log(new AccessEntry(remote, rejection.method(), rejection.target(), rejection.protocol(),
                rejection.status().code(), bodyLength, List.of(), List.of(), System.currentTimeMillis(), 0));
    }
}
