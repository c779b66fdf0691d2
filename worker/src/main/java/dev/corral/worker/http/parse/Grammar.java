package dev.corral.worker.http.parse;

/**
 * The character classes of RFC 9110/9112 and RFC 3986 as lookup tables, so that checking a
 * byte costs one array read on the hot path. Pure; any thread.
 */
public final class Grammar {
    private static final boolean[] TOKEN = new boolean[256];
    private static final boolean[] TARGET = new boolean[256];
    private static final boolean[] FIELD_VALUE = new boolean[256];
    private static final boolean[] HOST = new boolean[256];

    static {
        for (int c = '0'; c <= '9'; c++) {
            mark(c, TOKEN, TARGET, HOST);
        }
        for (int c = 'a'; c <= 'z'; c++) {
            mark(c, TOKEN, TARGET, HOST);
            mark(c - 32, TOKEN, TARGET, HOST);
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TOKEN[c] = true;
        }
        // RFC 3986 unreserved, sub-delims, ":" "@" "/" "?" "%" and "[" "]" of IP literals.
        for (char c : "-._~!$&'()*+,;=:@/?%[]".toCharArray()) {
            TARGET[c] = true;
        }
        for (char c : "-._~!$&'()*+,;=:[]%".toCharArray()) {
            HOST[c] = true;
        }
        // field-vchar = VCHAR / obs-text, plus SP and HTAB inside a value.
        for (int c = 0x21; c <= 0x7e; c++) {
            FIELD_VALUE[c] = true;
        }
        for (int c = 0x80; c <= 0xff; c++) {
            FIELD_VALUE[c] = true;
        }
        FIELD_VALUE[' '] = true;
        FIELD_VALUE['\t'] = true;
    }

    private Grammar() {
    }

    private static void mark(int c, boolean[]... tables) {
        for (boolean[] t : tables) {
            t[c] = true;
        }
    }

    static boolean isToken(byte b) {
        return TOKEN[b & 0xff];
    }

    static boolean isTargetChar(byte b) {
        return TARGET[b & 0xff];
    }

    static boolean isFieldValueChar(byte b) {
        return FIELD_VALUE[b & 0xff];
    }

    static boolean isHostChar(char c) {
        return c < 256 && HOST[c];
    }

    /** Whether {@code s} is a token (RFC 9110 §5.6.2): a field name, a method, a coding. */
    public static boolean isToken(CharSequence s) {
        if (s.length() == 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 255 || !TOKEN[c]) {
                return false;
            }
        }
        return true;
    }

    static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t';
    }
}
