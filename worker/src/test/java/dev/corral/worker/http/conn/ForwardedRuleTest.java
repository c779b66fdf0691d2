package dev.corral.worker.http.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ForwardedRuleTest {
    private static final InetSocketAddress PROXY = new InetSocketAddress("10.0.0.1", 5000);
    private static final InetSocketAddress OTHER = new InetSocketAddress("10.0.0.2", 5000);

    @Test
    void trustsOnlyTheListedPeers() {
        ForwardedRule rule = new ForwardedRule("127.0.0.1, 10.0.0.1");
        assertTrue(rule.trusts(PROXY));
        assertFalse(rule.trusts(OTHER));
        assertFalse(rule.trusts(null));
        assertTrue(new ForwardedRule("*").trusts(OTHER));
        assertFalse(new ForwardedRule("").trusts(PROXY));
        assertTrue(new ForwardedRule("::1").trusts(new InetSocketAddress("0:0:0:0:0:0:0:1", 1)));
    }

    @Test
    void theClientIsTheFirstForwardedAddress() {
        assertEquals("203.0.113.9", ForwardedRule.client("203.0.113.9, 10.0.0.1", PROXY).getAddress().getHostAddress());
        assertEquals("2001:db8:0:0:0:0:0:1", ForwardedRule.client("[2001:db8::1]", PROXY).getAddress().getHostAddress());
        assertEquals(PROXY, ForwardedRule.client(null, PROXY));
        assertEquals(PROXY, ForwardedRule.client("unknown", PROXY));
        assertEquals(PROXY, ForwardedRule.client("example.com", PROXY));
        assertEquals(PROXY, ForwardedRule.client("1.2.3", PROXY));
        assertEquals(PROXY, ForwardedRule.client("1.2.3.256", PROXY));
    }

    @Test
    void onlyHttpAndHttpsAreSchemes() {
        assertEquals("https", ForwardedRule.scheme("HTTPS", "http"));
        assertEquals("http", ForwardedRule.scheme("gopher", "http"));
        assertNull(ForwardedRule.literal("localhost"));
    }
}
