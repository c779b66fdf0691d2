package dev.corral.worker.http.tls;

import io.netty.handler.ssl.SslContext;
import java.io.File;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;

/**
 * Reads PEM certificates and keys as Netty's contexts do (its readers are protected members of
 * SslContext, hence the subclass that is never made), and tells whether a key belongs to a
 * certificate: neither provider checks that when a context is built, only at the first handshake.
 */
abstract class PemFiles extends SslContext {
    private static final byte[] PROBE = "corral".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private PemFiles() {
    }

    /** Throws when {@code keyFile} is not the private key of the first certificate of {@code certFile}. */
    static void checkPair(File certFile, File keyFile) throws Exception {
        X509Certificate[] chain = toX509Certificates(certFile);
        if (chain == null || chain.length == 0) {
            throw new IllegalArgumentException("no certificate in " + certFile);
        }
        PrivateKey key = toPrivateKey(keyFile, null);
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            return;
        }
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(PROBE);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(chain[0].getPublicKey());
        verifier.update(PROBE);
        if (!verifier.verify(signature)) {
            throw new IllegalArgumentException("the key is not the certificate's");
        }
    }
}
