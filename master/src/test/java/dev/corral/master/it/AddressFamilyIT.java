package dev.corral.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code 0.0.0.0} is IPv4 only and {@code [::]} IPv6 only, as with Gunicorn: a firewall written
 * for IPv4 is not bypassed over IPv6, and both can be bound on one port.
 */
class AddressFamilyIT {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    final CorralProcesses corral = new CorralProcesses();

    @Test
    void anyIpv4AddressIsNotReachableOverIpv6() throws Exception {
        Corral c = corral.start("-b", "0.0.0.0:0", "-w", "1");
        int port = c.port();
        awaitHello("127.0.0.1", port, c);
        assumeTrue(ipv6Loopback(), "::1 is available");
        assertThrows(ConnectException.class, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("::1", port), 5000);
            }
        }, "[::1]:" + port + " refuses: 0.0.0.0 must not listen on IPv6");
    }

    @Test
    void anyIpv4AndAnyIpv6BindSideBySide() throws Exception {
        assumeTrue(ipv6Loopback(), "::1 is available");
        int port = freeOnBoth();
        Corral c = corral.start("-b", "0.0.0.0:" + port, "-b", "[::]:" + port, "-w", "1");
        c.awaitLine("Listening at: http://\\[::\\]:" + port, Duration.ofSeconds(30));
        awaitHello("127.0.0.1", port, c);
        awaitHello("[::1]", port, c);
    }

    private static void awaitHello(String host, int port, Corral c) {
        AtomicReference<String> last = new AtomicReference<>();
        Corral.await(() -> {
            last.set(get(host, port));
            return "200 Hello, World!".equals(last.get());
        }, Duration.ofSeconds(30), () -> "GET http://" + host + ":" + port + "/ got " + last.get() + "\n" + c.outputText());
    }

    private static String get(String host, int port) {
        try {
            HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() + " " + r.body();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }

    private static boolean ipv6Loopback() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    // A port free on IPv4 and IPv6 when asked (a Java server socket on :: is dual-stack); Corral
    // binds it a moment later, and a clash would show as its bind error.
    private static int freeOnBoth() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("::"))) {
            return s.getLocalPort();
        }
    }
}
