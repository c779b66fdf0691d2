package dev.corral.worker.http.conn;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code forwarded_allow_ips}: which peers may tell us, through {@code X-Forwarded-For} and
 * {@code X-Forwarded-Proto}, who the client is and which scheme it used. Like Gunicorn, the
 * client is the first address of X-Forwarded-For. Only IP literals are accepted, never names:
 * resolving a name would block the event loop and trust DNS.
 */
public final class ForwardedRule {
    private final boolean any;
    private final Set<InetAddress> trusted = new HashSet<>();

    public ForwardedRule(String allowIps) {
        boolean star = false;
        for (String raw : allowIps == null ? new String[0] : allowIps.split(",")) {
            String ip = raw.trim();
            if ("*".equals(ip)) {
                star = true;
            } else if (!ip.isEmpty()) {
                InetAddress address = literal(ip);
                if (address != null) {
                    trusted.add(address);
                }
            }
        }
        this.any = star;
    }

    /**
     * Whether the peer of {@code connection} is trusted: any peer on a Unix socket (a local proxy
     * that could open it, its mode says who may; Gunicorn trusts it the same way), or a TCP peer
     * in the list.
     */
    public boolean trustsPeerOf(io.netty.channel.Channel connection) {
        return !(connection.remoteAddress() instanceof InetSocketAddress peer) || trusts(peer);
    }

    public boolean trusts(InetSocketAddress peer) {
        return peer != null && (any || trusted.contains(peer.getAddress()));
    }

    /** The client named by an X-Forwarded-For value, or {@code fallback} if it names none. */
    static InetSocketAddress client(String forwardedFor, InetSocketAddress fallback) {
        if (forwardedFor == null) {
            return fallback;
        }
        int comma = forwardedFor.indexOf(',');
        InetAddress address = literal((comma < 0 ? forwardedFor : forwardedFor.substring(0, comma)).trim());
        return address == null ? fallback : new InetSocketAddress(address, 0);
    }

    /** {@code http} or {@code https} from X-Forwarded-Proto, or {@code fallback}. */
    static String scheme(String forwardedProto, String fallback) {
        if ("https".equalsIgnoreCase(forwardedProto)) {
            return "https";
        }
        return "http".equalsIgnoreCase(forwardedProto) ? "http" : fallback;
    }

    // An IPv4 dotted quad or an IPv6 literal; null for anything else (no lookups).
    static InetAddress literal(String s) {
        try {
            if (s.indexOf(':') >= 0) {
                String bare = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
                for (int i = 0; i < bare.length(); i++) {
                    char c = bare.charAt(i);
                    if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
                        return null;
                    }
                }
                return InetAddress.getByName("[" + bare + "]");
            }
            String[] parts = s.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) {
                    return null;
                }
                int v = Integer.parseInt(parts[i]);
                if (v > 255) {
                    return null;
                }
                bytes[i] = (byte) v;
            }
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException | NumberFormatException e) {
            return null;
        }
    }
}
