package dev.corral.master;

import dev.corral.master.settings.Registry;
import dev.corral.master.settings.Settings;
import dev.corral.master.settings.SettingsException;
import dev.corral.worker.control.TlsSettings;
import dev.corral.worker.http.tls.ServerTls;

/**
 * Reads the certificate and key (and the CA file) before anything is bound, and again on HUP, so
 * that a bad file, a key that does not match or a missing keyfile is one line and the running
 * workers are untouched; and checks that the HTTP/2 settings can take effect. Workers build their own context from the same files.
 */
final class TlsCheck {
    private TlsCheck() {
    }

    /** The context the settings make, or null when TLS is off. */
    static ServerTls verify(Settings settings) throws SettingsException {
        TlsSettings tls = of(settings);
        checkProtocols(settings, tls.certfile() != null);
        if (tls.certfile() == null) {
            if (tls.keyfile() != null) {
                throw new SettingsException("certfile: must be set with keyfile");
            }
            return null;
        }
        if (tls.keyfile() == null) {
            throw new SettingsException("keyfile: must be set with certfile");
        }
        try {
            return ServerTls.load(tls);
        } catch (ServerTls.TlsException e) {
            throw new SettingsException("certfile: '" + tls.certfile() + "' with keyfile '" + tls.keyfile()
                    + "' cannot be used: " + e.getMessage());
        }
    }

    // HTTP/2 comes over TLS or over cleartext with prior knowledge: a setting that asks for one
    // without the other would be silently without effect.
    private static void checkProtocols(Settings settings, boolean tls) throws SettingsException {
        String protocols = settings.get(Registry.HTTP_PROTOCOLS);
        boolean cleartext = settings.get(Registry.HTTP2_CLEARTEXT).equals("prior-knowledge");
        if (cleartext && !protocols.contains("h2")) {
            throw new SettingsException("http2_cleartext: 'prior-knowledge' needs h2 in http_protocols (it is '"
                    + protocols + "')");
        }
        if (!protocols.contains("h1") && !tls && !cleartext) {
            throw new SettingsException("http_protocols: '" + protocols + "' serves nothing without certfile"
                    + " (HTTP/2 over TLS) or http2_cleartext = prior-knowledge");
        }
    }

    static TlsSettings of(Settings settings) {
        return new TlsSettings(settings.get(Registry.CERTFILE), settings.get(Registry.KEYFILE),
                settings.get(Registry.CA_CERTS), settings.get(Registry.CERT_REQS), settings.get(Registry.CIPHERS));
    }
}
