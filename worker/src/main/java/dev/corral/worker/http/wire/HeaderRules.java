package dev.corral.worker.http.wire;

import dev.corral.worker.http.parse.Grammar;
import java.util.List;
import java.util.Map;

/**
 * Which application header fields may be sent: a name that is not a token, or a value with CR,
 * LF or another control character, would let the application (or whoever controls what it
 * echoes) split the response. Pure; called on handler threads before a response commits.
 */
public final class HeaderRules {
    private HeaderRules() {
    }

    /** Why {@code headers} cannot be sent, or null when they can. */
    public static String invalid(List<Map.Entry<String, String>> headers) {
        for (Map.Entry<String, String> h : headers) {
            if (!Grammar.isToken(h.getKey())) {
                return "invalid header name " + quoted(h.getKey());
            }
            String v = h.getValue();
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c > 0xff || c < 0x20 && c != '\t' || c == 0x7f) {
                    return "control character in the value of " + h.getKey();
                }
            }
        }
        return null;
    }

    private static String quoted(String s) {
        return '"' + s.replace("\r", "\\r").replace("\n", "\\n") + '"';
    }
}
