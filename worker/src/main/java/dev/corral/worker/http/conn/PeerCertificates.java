package dev.corral.worker.http.conn;

import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.SSLPeerUnverifiedException;

/** The certificate chain a TLS client presented (cert_reqs optional or required). On the event loop. */
public final class PeerCertificates {
    private PeerCertificates() {
    }

    /** The chain, or null without TLS or without a client certificate. */
    public static X509Certificate[] of(SslHandler tls) {
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
