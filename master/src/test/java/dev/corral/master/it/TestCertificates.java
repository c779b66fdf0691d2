package dev.corral.master.it;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A throwaway certificate authority and the certificates it signs, made by openssl in a test's
 * own folder: no private key is ever committed.
 */
final class TestCertificates {
    private TestCertificates() {
    }

    /** {@code ca.key} and {@code ca.pem} in {@code dir}. */
    static void authority(Path dir) throws Exception {
        Commands.run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key",
                "-out", "ca.pem", "-days", "2", "-subj", "/CN=Corral test CA");
    }

    /** {@code name.pem} and {@code name.key}: localhost and 127.0.0.1, with O= to tell two apart. */
    static void issue(Path dir, String name, String org) throws Exception {
        Files.writeString(dir.resolve("ext.cnf"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        Commands.run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key",
                "-out", name + ".csr", "-subj", "/CN=localhost/O=" + org);
        Commands.run(dir, "openssl", "x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-CAcreateserial", "-out", name + ".pem", "-days", "2", "-extfile", "ext.cnf");
    }
}
