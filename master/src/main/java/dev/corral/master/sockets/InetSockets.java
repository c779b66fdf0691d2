package dev.corral.master.sockets;

import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * TCP sockets of the address's own family. Netty's {@code Socket.newSocketStream()} is an IPv6
 * dual-stack socket wherever IPv6 works, so {@code 0.0.0.0} would also listen on every IPv6
 * address, past firewall rules written for IPv4. As with Gunicorn, an IPv4 address gets an IPv4
 * socket; an IPv6 one is IPv6 only, so {@code 0.0.0.0:P} and {@code [::]:P} bind side by side.
 */
final class InetSockets {
    // Linux's values (<netinet/in.h>): Netty's Socket sets any option, but names none for this one.
    private static final int IPPROTO_IPV6 = 41;
    private static final int IPV6_V6ONLY = 26;

    private InetSockets() {
    }

    static Socket open(InetAddress address) throws IOException {
        if (address instanceof Inet4Address) {
            return LinuxSocket.newSocketStream(false);
        }
        Socket socket = LinuxSocket.newSocketStream(true);
        try {
            socket.setIntOpt(IPPROTO_IPV6, IPV6_V6ONLY, 1);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
