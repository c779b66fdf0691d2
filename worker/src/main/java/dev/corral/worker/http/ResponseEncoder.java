package dev.corral.worker.http;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponseEncoder;

/**
 * Netty's response encoder, except that a bare buffer goes to the wire untouched: a full
 * response arrives already encoded in one buffer ({@link ResponseWriter#encode}), and the only
 * other bare buffers, the body of a close-delimited stream, would be sent unchanged anyway.
 */
final class ResponseEncoder extends HttpResponseEncoder {
    @Override
    public boolean acceptOutboundMessage(Object msg) throws Exception {
        return !(msg instanceof ByteBuf) && super.acceptOutboundMessage(msg);
    }
}
