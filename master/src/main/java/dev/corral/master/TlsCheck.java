package dev.corral.master;

import dev.corral.master.settings.Registry;
import dev.corral.master.settings.Settings;
import dev.corral.master.settings.SettingsException;
import dev.corral.worker.control.TlsSettings;
import dev.corral.worker.http.tls.ServerTls;

/**
 * Reads the certificate and key (and the CA file) before anything is bound, and again on HUP, so
 * that a bad file, a key that does not match or a missing keyfile is one line and the running
 * workers are untouched. Workers build their own context from the same files.
 */
final class TlsCheck {
    private TlsCheck() {
    }

    /** The context the settings make, or null when TLS is off. */
    static ServerTls verify(Settings settings) throws SettingsException {
        TlsSettings tls = of(settings);
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

    static TlsSettings of(Settings settings) {
        return new TlsSettings(settings.get(Registry.CERTFILE), settings.get(Registry.KEYFILE),
                settings.get(Registry.CA_CERTS), settings.get(Registry.CERT_REQS), settings.get(Registry.CIPHERS));
    }
}
