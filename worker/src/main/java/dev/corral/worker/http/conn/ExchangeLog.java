package dev.corral.worker.http.conn;

import dev.corral.worker.http.call.Exchange;
import dev.corral.worker.http.parse.Rejection;
import dev.corral.worker.log.AccessEntry;
import dev.corral.worker.log.AccessLog;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/** The access-log line of each answer, or nothing without an access log. Event loop only. */
public final class ExchangeLog {
    private final AccessLog accessLog;

    /** @param accessLog the worker's access log, or null when there is none */
    public ExchangeLog(AccessLog accessLog) {
        this.accessLog = accessLog;
    }

    public void answered(Exchange exchange, int status, List<Map.Entry<String, String>> responseHeaders, long bodyLength) {
        if (accessLog == null) {
            return;
        }
        var r = exchange.request();
        InetSocketAddress remote = r.remoteAddress();
        accessLog.log(new AccessEntry(remote == null ? "-" : remote.getAddress().getHostAddress(), r.method(),
                r.uri(), exchange.protocol(), status, bodyLength, r.headers(), responseHeaders,
                exchange.startMillis(), System.nanoTime() - exchange.startNanos()));
    }

    /**
     * Logs a request the decoder refused, as nginx does: the status sent, and the request line
     * when it was understood ({@code "-"} otherwise). Its header fields are not trusted, so the
     * peer's address is logged even behind a trusted proxy.
     */
    public void rejected(Object peer, Rejection rejection, int bodyLength) {
        if (accessLog == null || !rejection.requestStarted()) {
            return;
        }
        String remote = peer instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : "-";
        accessLog.log(new AccessEntry(remote, rejection.method(), rejection.target(), rejection.protocol(),
                rejection.status().code(), bodyLength, List.of(), List.of(), System.currentTimeMillis(), 0));
    }
}
