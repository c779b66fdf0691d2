package dev.corral.worker.http.parse;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * What the decoder passes on instead of a request it refuses: the status to answer with. The
 * connection is closed after it; nothing that follows on the wire is parsed.
 *
 * @param status the 4xx or 5xx to send
 * @param reason why, for debugging; never sent
 */
public record Rejection(HttpResponseStatus status, String reason) {
}
