package dev.corral.worker.http.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import org.junit.jupiter.api.Test;

class Http2HeadRulesTest {
    private static final RequestLimits LIMITS = new RequestLimits(64, 4, 100, 1000, 0, 0);

    private static Http2Headers get(String path) {
        return new DefaultHttp2Headers(false).method("GET").scheme("https").path(path).authority("example.com:8443");
    }

    private static int statusOf(Http2Headers h) {
        return assertThrows(BadRequestException.class, () -> Http2HeadRules.check(h, LIMITS, true)).status().code();
    }

    @Test
    void theApplicationSeesHostFromAuthorityAndOneCookieField() throws Exception {
        Http2Headers h = get("/a?b=c").add("cookie", "a=1").add("accept", "*/*").add("cookie", "b=2");
        Http2HeadRules.Head head = Http2HeadRules.check(h, LIMITS, true);
        assertEquals("GET", head.method());
        assertEquals("/a?b=c", head.target());
        assertEquals("example.com:8443", head.headers().get("host"));
        assertEquals("a=1; b=2", head.headers().get("cookie"));
        assertEquals(-1, head.contentLength());
        assertFalse(head.continueExpected());
    }

    @Test
    void pseudoHeaderFieldsFollowRfc9113() {
        assertEquals(400, statusOf(new DefaultHttp2Headers(false).method("GET").path("/").authority("a")),
                "no :scheme");
        assertEquals(400, statusOf(new DefaultHttp2Headers(false).method("GET").scheme("http").authority("a")),
                "no :path");
        assertEquals(400, statusOf(get("relative")));
        assertEquals(400, statusOf(get("/a b")));
        assertEquals(400, statusOf(get("/%zz")));
        assertEquals(400, statusOf(new DefaultHttp2Headers(false).method("G T").scheme("http").path("/")));
        assertEquals(400, statusOf(new DefaultHttp2Headers(false).method("CONNECT").scheme("http").path("/")
                .authority("a:1")), "CONNECT takes :authority only");
        assertEquals(414, statusOf(get("/" + "x".repeat(64))));
    }

    @Test
    void connectionSpecificFieldsAndBadValuesAreRefused() {
        assertEquals(400, statusOf(get("/").add("connection", "keep-alive")));
        assertEquals(400, statusOf(get("/").add("transfer-encoding", "chunked")));
        assertEquals(400, statusOf(get("/").add("te", "gzip")));
        assertEquals(400, statusOf(get("/").add("x", " padded")));
        assertEquals(400, statusOf(get("/").add("x", "a\u0000b")));
        assertEquals(400, statusOf(get("/").add("host", "other.example")), "host and :authority differ");
        assertEquals(400, statusOf(get("/").add("host", "example.com:8443").add("host", "example.com:8443")));
    }

    @Test
    void theHttp11LimitsApply() throws Exception {
        assertEquals(431, statusOf(get("/").add("a", "1").add("b", "2").add("c", "3").add("d", "4").add("e", "5")));
        assertEquals(431, statusOf(get("/").add("a", "x".repeat(100))));
        assertEquals(413, statusOf(get("/").add("content-length", "1001")));
        assertEquals(400, statusOf(get("/").add("content-length", "-1")));
        assertEquals(417, statusOf(get("/").add("expect", "something")));
        Http2HeadRules.Head head = Http2HeadRules.check(get("/").add("content-length", "10")
                .add("expect", "100-continue"), LIMITS, false);
        assertEquals(10, head.contentLength());
        assertTrue(head.continueExpected());
    }

    @Test
    void trailersCarryNoPseudoHeadersAndNoFramingOrRouting() throws Exception {
        Http2HeadRules.checkTrailers(new DefaultHttp2Headers(false).add("x-checksum", "abc"), LIMITS);
        assertThrows(BadRequestException.class, () -> Http2HeadRules.checkTrailers(
                new DefaultHttp2Headers(false).path("/"), LIMITS));
        assertThrows(BadRequestException.class, () -> Http2HeadRules.checkTrailers(
                new DefaultHttp2Headers(false).add("content-length", "1"), LIMITS));
    }
}
