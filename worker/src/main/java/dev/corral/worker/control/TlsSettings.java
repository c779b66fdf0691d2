package dev.corral.worker.control;

import java.util.List;

/**
 * The TLS settings as the master sent them (Gunicorn's names); {@code certfile} null means TLS
 * is off.
 *
 * @param certReqs none, optional or required: whether clients must present a certificate
 * @param ticketKeys the session-ticket keys the master made for all workers (48 bytes each,
 *     newest first); empty: OpenSSL's own, per worker
 */
public record TlsSettings(String certfile, String keyfile, String caCerts, String certReqs, String ciphers,
                          List<byte[]> ticketKeys) {

    public TlsSettings {
        ticketKeys = List.copyOf(ticketKeys);
    }

    /** The files and choices alone, as the master checks them. */
    public TlsSettings(String certfile, String keyfile, String caCerts, String certReqs, String ciphers) {
        this(certfile, keyfile, caCerts, certReqs, ciphers, List.of());
    }

    /** The same, with the workers' shared ticket keys. */
    public TlsSettings withTicketKeys(List<byte[]> keys) {
        return new TlsSettings(certfile, keyfile, caCerts, certReqs, ciphers, keys);
    }
}
