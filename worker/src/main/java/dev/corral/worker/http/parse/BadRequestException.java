package dev.corral.worker.http.parse;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Thrown inside the parser when the bytes break the grammar or a limit. Stackless: hostile
 * clients can make it frequent, and the stack says nothing the status does not.
 */
final class BadRequestException extends Exception {
    private final HttpResponseStatus status;

    BadRequestException(HttpResponseStatus status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    static BadRequestException bad(String reason) {
        return new BadRequestException(HttpResponseStatus.BAD_REQUEST, reason);
    }

    HttpResponseStatus status() {
        return status;
    }
}
