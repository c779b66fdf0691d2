package dev.corral.worker.http.conn;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The certificate chain a TLS client presented (cert_reqs optional or required), read once per
 * connection: the handshake is over before the first request is decoded, and a connection's
 * peer never changes. One per connection; on its event loop.
 */
public final class PeerCertificates {
    private final Channel connection;
    private boolean read;
    private X509Certificate[] chain;

    /** @param connection the TCP connection (an HTTP/2 stream's parent) */
    public PeerCertificates(Channel connection) {
        this.connection = connection;
    }

    /** The chain, or null without TLS or without a client certificate. */
    public X509Certificate[] chain() {
        if (!read) {
            read = true;
            chain = of(connection.pipeline().get(SslHandler.class));
        }
        return chain;
    }

    private static X509Certificate[] of(SslHandler tls) {
        if (tls == null) {
            return null;
        }
        try {
            Certificate[] chain = tls.engine().getSession().getPeerCertificates();
            X509Certificate[] x509 = Arrays.stream(chain).filter(X509Certificate.class::isInstance)
                    .map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
            return x509.length == 0 ? null : x509;
        } catch (SSLPeerUnverifiedException none) {
            return null;
        }
    }
}
