package dev.corral.worker.http.parse;

/**
 * What the decoder passes on besides whole requests and {@link Rejection}s, so that the
 * connection's owner knows where the client is without asking the decoder. Passed down the
 * pipeline on the connection's event loop.
 */
public enum DecoderSignal {
    /** The first byte of a request arrived: the connection is no longer between requests. */
    HEAD_STARTED,
    /**
     * An HTTP/1.1 head with {@code Expect: 100-continue} and a body was accepted: the client
     * waits for {@code 100 Continue} before it sends the body.
     */
    CONTINUE_EXPECTED
}
