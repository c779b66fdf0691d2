package dev.corral.worker.http.parse;

import static dev.corral.worker.http.parse.BadRequestException.bad;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The request-target forms of RFC 9112 §3.2: origin-form for most requests, absolute-form
 * (proxies), authority-form only for CONNECT, asterisk-form only for OPTIONS. Characters
 * outside RFC 3986 and broken percent-escapes are refused.
 */
final class TargetRules {
    private TargetRules() {
    }

    static String check(String method, ByteBuf buf, int start, int end) throws BadRequestException {
        for (int i = start; i < end; i++) {
            byte b = buf.getByte(i);
            if (!Grammar.isTargetChar(b)) {
                throw bad("request target: character not allowed");
            }
            if (b == '%' && (i + 2 >= end || Grammar.hexValue(buf.getByte(i + 1)) < 0
                    || Grammar.hexValue(buf.getByte(i + 2)) < 0)) {
                throw bad("request target: broken percent-escape");
            }
        }
        String target = buf.toString(start, end - start, StandardCharsets.US_ASCII);
        byte first = buf.getByte(start);
        boolean ok;
        if ("CONNECT".equals(method)) {
            ok = first != '/' && target.indexOf('/') < 0 && target.indexOf(':') > 0;
        } else if (first == '/') {
            ok = true;
        } else if (end - start == 1 && first == '*') {
            ok = "OPTIONS".equals(method);
        } else {
            ok = isAbsolute(target);
        }
        if (!ok) {
            throw bad("request target: wrong form");
        }
        return target;
    }

    // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), then "://" and an authority.
    private static boolean isAbsolute(String target) {
        int colon = target.indexOf("://");
        if (colon <= 0 || colon + 3 == target.length() || !Character.isLetter(target.charAt(0))) {
            return false;
        }
        for (int i = 1; i < colon; i++) {
            char c = target.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }
}
