package dev.corral.worker.control;

/**
 * The TLS settings as the master sent them (Gunicorn's names); {@code certfile} null means TLS
 * is off.
 *
 * @param certReqs none, optional or required: whether clients must present a certificate
 */
public record TlsSettings(String certfile, String keyfile, String caCerts, String certReqs, String ciphers) {
}
