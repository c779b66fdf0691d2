package dev.corral.worker.http.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What may be written to a connection: the {@link ResponseEncoder} turns each into bytes. Any
 * thread may create and write them (Netty hands the write to the connection's event loop).
 */
public sealed interface Outbound {

    /** A response committed with its whole body: the common case, encoded into one buffer. */
    record Whole(ResponseHead head, byte[] body) implements Outbound {
        private static final List<Map.Entry<String, String>> TEXT = List.of(Map.entry("Content-Type", "text/plain"));

        /** An answer Corral makes itself (a refused request, a full worker): the reason phrase, then close. */
        public static Whole error(int status) {
            byte[] text = (StatusLine.reason(status) + "\n").getBytes(StandardCharsets.US_ASCII);
            return new Whole(ResponseHead.whole(status, TEXT, text.length, false, false), text);
        }
    }

    /** The head of a streamed response; {@link Part}s and one {@link End} follow. */
    record Head(ResponseHead head) implements Outbound {
    }

    /**
     * A piece of a streamed body. Reference-counted, so that whoever ends its way releases it:
     * the encoder once written, Netty when the write fails on a closed connection.
     */
    final class Part extends DefaultByteBufHolder implements Outbound {
        public Part(ByteBuf data) {
            super(data);
        }
    }

    /** The end of a streamed body. */
    enum End implements Outbound {
        INSTANCE
    }

    /** {@code 100 Continue}: the client may send the body it announced. */
    enum Continue implements Outbound {
        INSTANCE
    }
}
