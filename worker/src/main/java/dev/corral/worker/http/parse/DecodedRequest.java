package dev.corral.worker.http.parse;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpVersion;

/**
 * One whole request as the decoder accepted it: head and de-chunked body. Whoever takes it from
 * the pipeline owns {@code body} and must {@link #release} it. Event loop only.
 *
 * @param method the method, a token
 * @param target the request target, checked against its form
 * @param version HTTP/1.0 or HTTP/1.1
 * @param headers the header fields, in order
 * @param body the body, empty when there is none
 */
public record DecodedRequest(String method, String target, HttpVersion version, HttpHeaders headers, ByteBuf body) {

    /** Whether the client wants the connection kept open after the answer (RFC 9112 §9.3). */
    public boolean keepAlive() {
        if (headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true)) {
            return false;
        }
        return version == HttpVersion.HTTP_1_1
                || headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE, true);
    }

    /** Whether this is a HEAD request, whose answer carries no body. */
    public boolean isHead() {
        return "HEAD".equals(method);
    }

    /** Frees the body. */
    public void release() {
        body.release();
    }
}
