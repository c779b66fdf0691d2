package dev.corral.worker.http.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one response encoder: heads, the body-allowed rule, framing and the Date line. */
class ResponseEncoderTest {
    // A single-digit day: IMF-fixdate still writes two digits (RFC 9110 §5.6.7).
    private static final long DEC_1 = Instant.parse("2026-12-01T04:05:06Z").toEpochMilli();
    private static final List<Map.Entry<String, String>> TEXT = List.of(Map.entry("Content-Type", "text/plain"));

    private static String encode(Object... messages) {
        EmbeddedChannel ch = new EmbeddedChannel(new ResponseEncoder(true, new HttpDate(() -> DEC_1)));
        try {
            StringBuilder out = new StringBuilder();
            for (Object m : messages) {
                ch.writeOutbound(m);
            }
            for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
                out.append(b.toString(StandardCharsets.ISO_8859_1));
                b.release();
            }
            return out.toString();
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    private static Outbound.Whole whole(int status, String body, boolean head) {
        byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        return new Outbound.Whole(ResponseHead.whole(status, TEXT, bytes.length, head, true), bytes);
    }

    @Test
    void aWholeResponseHasItsLengthDateServerAndConnection() {
        assertEquals("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nServer: corral\r\n"
                + "Date: Tue, 01 Dec 2026 04:05:06 GMT\r\nConnection: keep-alive\r\n\r\nhello", encode(whole(200, "hello", false)));
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 103, 204, 304})
    void bodilessStatusesSendNeitherBodyNorContentLength(int status) {
        String out = encode(whole(status, "oops", false));
        assertTrue(out.endsWith("\r\n\r\n"), out);
        assertFalse(out.contains("oops"), out);
        assertFalse(out.toLowerCase().contains("content-length"), out);
        assertFalse(encode(new Outbound.Whole(ResponseHead.whole(status, List.of(), 0, false, true), new byte[0]))
                .toLowerCase().contains("content-length"));
    }

    @Test
    void headSaysTheLengthAndSendsNoBody() {
        String out = encode(whole(200, "hello!", true));
        assertTrue(out.contains("Content-Length: 6\r\n"), out);
        assertTrue(out.endsWith("\r\n\r\n"), out);
    }

    @Test
    void theApplicationsFramingFieldsAreNeverSent() {
        List<Map.Entry<String, String>> own = List.of(Map.entry("Content-Length", "99"),
                Map.entry("transfer-encoding", "chunked"));
        String out = encode(new Outbound.Whole(ResponseHead.whole(200, own, 2, false, false), "ok".getBytes()));
        assertEquals("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nServer: corral\r\n"
                + "Date: Tue, 01 Dec 2026 04:05:06 GMT\r\nConnection: close\r\n\r\nok", out);
    }

    @Test
    void aStreamIsChunkedForHttp11AndRawForHttp10() {
        String chunked = encode(new Outbound.Head(ResponseHead.streamed(200, TEXT, false, true, true)),
                part("abc"), part("0123456789"), Outbound.End.INSTANCE);
        assertTrue(chunked.contains("Transfer-Encoding: chunked\r\n"), chunked);
        assertTrue(chunked.endsWith("\r\n\r\n3\r\nabc\r\na\r\n0123456789\r\n0\r\n\r\n"), chunked);
        String raw = encode(new Outbound.Head(ResponseHead.streamed(200, TEXT, false, false, true)),
                part("abc"), Outbound.End.INSTANCE);
        assertTrue(raw.contains("Connection: close\r\n"), raw);
        assertFalse(raw.contains("Transfer-Encoding"), raw);
        assertTrue(raw.endsWith("\r\n\r\nabc"), raw);
    }

    @Test
    void aStreamedHeadOr204DropsTheBody() {
        for (ResponseHead head : List.of(ResponseHead.streamed(200, TEXT, true, true, true),
                ResponseHead.streamed(204, TEXT, false, true, true))) {
            String out = encode(new Outbound.Head(head), part("abc"), Outbound.End.INSTANCE);
            assertTrue(out.endsWith("\r\n\r\n"), out);
            assertFalse(out.contains("abc") || out.contains("Transfer-Encoding"), out);
        }
    }

    @Test
    void corralsOwnFieldsAreNeverTheApplications() {
        List<Map.Entry<String, String>> own = List.of(Map.entry("Date", "yesterday"), Map.entry("connection", "close"),
                Map.entry("Server", "mine"), Map.entry("X-Kept", "1"));
        String out = encode(new Outbound.Head(ResponseHead.streamed(200, own, false, true, false)), Outbound.End.INSTANCE);
        assertEquals("HTTP/1.1 200 OK\r\nX-Kept: 1\r\nTransfer-Encoding: chunked\r\nServer: corral\r\n"
                + "Date: Tue, 01 Dec 2026 04:05:06 GMT\r\nConnection: close\r\n\r\n0\r\n\r\n", out);
        assertTrue(ResponseHead.asksToClose(own));
        assertFalse(ResponseHead.asksToClose(List.of(Map.entry("Connection", "keep-alive, Upgrade"))));
    }

    @Test
    void aPartIsFreedByWhateverDropsIt() {
        // A write that fails (the client closed after the stream's last check) never reaches the
        // encoder: Netty drops it with ReferenceCountUtil.release, which must free the bytes.
        ByteBuf data = Unpooled.directBuffer(8).writeLong(1);
        ReferenceCountUtil.release(new Outbound.Part(data));
        assertEquals(0, data.refCnt());
        ByteBuf sent = Unpooled.directBuffer(8).writeLong(1);
        encode(new Outbound.Head(ResponseHead.streamed(200, TEXT, false, true, true)), new Outbound.Part(sent));
        assertEquals(0, sent.refCnt(), "the encoder releases what it wrote");
    }

    @Test
    void reasonPhrasesAreRfc9110s() {
        assertTrue(encode(Outbound.Whole.error(413)).startsWith("HTTP/1.1 413 Content Too Large\r\n"));
        assertTrue(encode(Outbound.Whole.error(414)).startsWith("HTTP/1.1 414 URI Too Long\r\n"));
        assertTrue(encode(Outbound.Whole.error(414)).endsWith("\r\n\r\nURI Too Long\n"));
        assertEquals("HTTP/1.1 100 Continue\r\n\r\n", encode(Outbound.Continue.INSTANCE));
    }

    @Test
    void theDateIsImfFixdateWithTwoDigitDays() {
        assertEquals("Tue, 01 Dec 2026 04:05:06 GMT", HttpDate.format(DEC_1));
        assertEquals("Sat, 09 Jan 2027 00:00:00 GMT", HttpDate.format(Instant.parse("2027-01-09T00:00:00Z").toEpochMilli()));
        assertEquals("Thu, 31 Dec 2026 23:59:59 GMT", HttpDate.format(Instant.parse("2026-12-31T23:59:59Z").toEpochMilli()));
    }

    @Test
    void theDateLineFollowsTheClockBySecond() {
        long[] now = {DEC_1};
        HttpDate date = new HttpDate(() -> now[0]);
        String first = new String(date.headerLine(), StandardCharsets.US_ASCII);
        now[0] += 999;
        assertEquals(first, new String(date.headerLine(), StandardCharsets.US_ASCII));
        now[0] += 1;
        assertEquals("Date: Tue, 01 Dec 2026 04:05:07 GMT\r\n", new String(date.headerLine(), StandardCharsets.US_ASCII));
    }

    private static Outbound.Part part(String s) {
        return new Outbound.Part(Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII));
    }
}
