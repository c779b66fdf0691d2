package dev.corral.worker.http.call;

import dev.corral.worker.app.Request;
import java.net.InetSocketAddress;

/**
 * One request on its way through the application, with what its answer depends on. Made on the
 * event loop, read on the handler thread that calls the application; immutable.
 *
 * @param request the application's view of the request
 * @param protocol {@code HTTP/1.1} or {@code HTTP/1.0}, as received, or {@code HTTP/2.0}
 * @param keepAlive whether the client and the settings allow keeping the connection open
 * @param head whether it is a HEAD request
 * @param startNanos when it arrived, for the access log's durations (and, less those, its time)
 * @param closing its connection's: whether it will close after this answer after all
 * @param local the address the connection came in on; null on a Unix socket
 * @param clientCertificates the chain the client presented over Corral's TLS; null when none
 */
public record Exchange(Request request, String protocol, boolean keepAlive, boolean head, long startNanos,
                       Closing closing, InetSocketAddress local,
                       java.security.cert.X509Certificate[] clientCertificates) {

    /** An exchange starting now. */
    public Exchange(Request request, String protocol, boolean keepAlive, boolean head, Closing closing,
                    InetSocketAddress local, java.security.cert.X509Certificate[] clientCertificates) {
        this(request, protocol, keepAlive, head, System.nanoTime(), closing, local, clientCertificates);
    }

    /** An exchange starting now, on a connection without client certificates. */
    public Exchange(Request request, String protocol, boolean keepAlive, boolean head, Closing closing,
                    InetSocketAddress local) {
        this(request, protocol, keepAlive, head, closing, local, null);
    }

    /** Whether the client speaks HTTP/1.1 (chunked bodies are allowed). */
    public boolean http11() {
        return "HTTP/1.1".equals(protocol);
    }

    /** Whether it came on an HTTP/2 stream. */
    public boolean http2() {
        return "HTTP/2.0".equals(protocol);
    }

    /** Whether a body of unknown length can be framed without closing the connection. */
    public boolean framesOpenEndedBodies() {
        return http11() || http2();
    }
}
