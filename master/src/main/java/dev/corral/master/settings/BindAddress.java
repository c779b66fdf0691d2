package dev.corral.master.settings;

import java.nio.file.Path;

/** One address to listen on: TCP host and port, or a Unix domain socket path. */
public sealed interface BindAddress {

    /** A TCP address; {@code host} is an IP literal or a host name, without brackets. */
    record Tcp(String host, int port) implements BindAddress {
        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** A Unix domain socket. */
    record Unix(Path path) implements BindAddress {
        @Override
        public String toString() {
            return "unix:" + path;
        }
    }

    /** What a {@code bind} value may look like, for error messages and docs. */
    String FORMS = "HOST:PORT, [IPv6]:PORT, an IP address (port 8000) or unix:PATH";

    /** Parses {@code HOST:PORT}, {@code [IPv6]:PORT}, a bare IP or {@code localhost}, or {@code unix:PATH}. */
    static BindAddress parse(String text) {
        String s = text.trim();
        if (s.startsWith("unix:")) {
            String path = s.substring(5);
            if (path.isEmpty()) {
                throw new IllegalArgumentException("use " + FORMS);
            }
            return new Unix(Path.of(path));
        }
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("use " + FORMS);
            }
            String host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!host.contains(":") || !(rest.isEmpty() || rest.startsWith(":"))) {
                throw new IllegalArgumentException("use " + FORMS);
            }
            return new Tcp(host, rest.isEmpty() ? 8000 : port(rest.substring(1)));
        }
        int colon = s.lastIndexOf(':');
        if (colon < 0 || s.indexOf(':') != colon) {
            // No port: only an address that is unmistakably a host (an IP, localhost) will do.
            if (isIpLiteral(s) || "localhost".equals(s)) {
                return new Tcp(s, 8000);
            }
            throw new IllegalArgumentException("use " + FORMS);
        }
        String host = s.substring(0, colon);
        if (!host.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
            throw new IllegalArgumentException("use " + FORMS);
        }
        return new Tcp(host, port(s.substring(colon + 1)));
    }

    private static int port(String text) {
        if (!text.matches("\\d{1,5}") || Integer.parseInt(text) > 65535) {
            throw new IllegalArgumentException("the port must be 0 to 65535");
        }
        return Integer.parseInt(text);
    }

    /** An IPv4 literal ({@code 10.1.2.3}) or an unbracketed IPv6 one ({@code ::1}). */
    static boolean isIpLiteral(String s) {
        return s.matches("(\\d{1,3})(\\.\\d{1,3}){3}") || (s.contains(":") && s.matches("[0-9A-Fa-f:.]+"));
    }
}
