package dev.corral.worker.http.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The strict-parsing table fed to the decoder alone, split at every offset and byte by byte:
 * where incremental parsers break. Every split must decode to the same result as the whole.
 */
class SplitDecodingTest {
    // As the raw-socket table's server: a 100-byte body limit, Gunicorn's other limits, no timers.
    private static final RequestLimits LIMITS = new RequestLimits(4094, 100, 8190, 100, 0, 0);

    @ParameterizedTest
    @MethodSource("dev.corral.worker.http.parse.RequestCases#bad")
    void isRejectedAtEverySplit(String request, int status) {
        for (List<byte[]> pieces : splits(request)) {
            List<Object> out = decode(pieces);
            String how = describe(pieces);
            assertEquals(1, out.size(), how + ": " + out);
            Rejection r = assertInstanceOf(Rejection.class, out.get(0), how);
            assertEquals(status, r.status().code(), how + ": " + r.reason());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.corral.worker.http.parse.RequestCases#good")
    void isDecodedWholeAtEverySplit(String request, int bodyLength) {
        for (List<byte[]> pieces : splits(request)) {
            List<Object> out = decode(pieces);
            String how = describe(pieces);
            assertEquals(1, out.size(), how + ": " + out);
            DecodedRequest r = assertInstanceOf(DecodedRequest.class, out.get(0), how + ": " + out);
            assertEquals(bodyLength, r.body().readableBytes(), how);
            r.release();
        }
    }

    @Test
    void pipelinedRequestsAndTheirSignalsKeepTheirOrderAtEverySplit() {
        String two = "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nab"
                + "POST /b HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nxyz\r\n0\r\n\r\n";
        for (List<byte[]> pieces : splits(two)) {
            List<String> seen = new ArrayList<>();
            for (Object m : decodeAll(pieces)) {
                if (m instanceof DecodedRequest r) {
                    seen.add(r.target() + " " + r.body().toString(StandardCharsets.US_ASCII));
                    r.release();
                } else {
                    seen.add(m.toString());
                }
            }
            assertEquals(List.of("HEAD_STARTED", "/a ab", "HEAD_STARTED", "CONTINUE_EXPECTED", "/b xyz"), seen,
                    describe(pieces));
        }
    }

    // Whole, cut in two at every offset, and one byte at a time.
    private static List<List<byte[]>> splits(String request) {
        byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
        List<List<byte[]>> out = new ArrayList<>();
        out.add(List.of(bytes));
        for (int i = 1; i < bytes.length; i++) {
            out.add(List.of(slice(bytes, 0, i), slice(bytes, i, bytes.length)));
        }
        List<byte[]> single = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            single.add(slice(bytes, i, i + 1));
        }
        out.add(single);
        return out;
    }

    // What reaches the next handler, without the position signals.
    private static List<Object> decode(List<byte[]> pieces) {
        List<Object> out = new ArrayList<>(decodeAll(pieces));
        out.removeIf(m -> m instanceof DecoderSignal);
        return out;
    }

    // Everything that reaches the next handler, in order.
    private static List<Object> decodeAll(List<byte[]> pieces) {
        EmbeddedChannel ch = new EmbeddedChannel(new StrictRequestDecoder(LIMITS));
        try {
            for (byte[] piece : pieces) {
                ch.writeInbound(Unpooled.wrappedBuffer(piece));
            }
            List<Object> out = new ArrayList<>();
            for (Object m; (m = ch.readInbound()) != null; ) {
                out.add(m);
            }
            return out;
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    private static String describe(List<byte[]> pieces) {
        if (pieces.size() == 1) {
            return "whole";
        }
        boolean single = pieces.stream().allMatch(p -> p.length == 1);
        return single && pieces.size() > 2 ? "byte by byte" : "split at " + pieces.get(0).length;
    }

    private static byte[] slice(byte[] b, int from, int to) {
        byte[] out = new byte[to - from];
        System.arraycopy(b, from, out, 0, out.length);
        assertTrue(out.length > 0);
        return out;
    }
}
