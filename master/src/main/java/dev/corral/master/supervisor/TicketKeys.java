package dev.corral.master.supervisor;

import dev.corral.worker.control.ControlProtocol;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;

/**
 * The TLS session-ticket keys every worker shares, so that a client resumes its session on
 * whichever worker the kernel hands its next connection (a resumed handshake costs no signature):
 * without them each worker's OpenSSL makes its own key, and a ticket from one worker is a full
 * handshake on the next. nginx and Gunicorn share theirs the same way, made before the fork. A
 * reload adds a new key that encrypts from then on and keeps the previous one to decrypt the
 * tickets already out; the keys live in the master's memory only. Supervision loop only.
 */
final class TicketKeys {
    /** Name, HMAC and AES parts of one key (RFC 5077's recommended layout), 16 bytes each. */
    static final int KEY_BYTES = 48;
    private static final int KEPT = 2;

    private final SecureRandom random = new SecureRandom();
    private final Deque<byte[]> keys = new ArrayDeque<>();

    TicketKeys() {
        rotate();
    }

    /** A new key first; the oldest beyond the previous one is dropped. */
    void rotate() {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        keys.addFirst(key);
        while (keys.size() > KEPT) {
            keys.removeLast();
        }
    }

    /** The control line that hands them to a worker, newest first. */
    String line() {
        StringBuilder b = new StringBuilder(ControlProtocol.TICKETS);
        for (byte[] key : keys) {
            b.append(' ').append(HexFormat.of().formatHex(key));
        }
        return b.toString();
    }
}
