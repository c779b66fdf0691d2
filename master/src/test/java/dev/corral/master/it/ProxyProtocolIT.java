package dev.corral.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** proxy_protocol: the client address a load balancer sends (v1 text, v2 binary) reaches the app and the access log. */
class ProxyProtocolIT {
    @RegisterExtension
    final CorralProcesses corral = new CorralProcesses();

    @TempDir
    Path tmp;

    private Corral start(String allowed) throws Exception {
        Path jar = AppIT.AppJar.build(tmp, "com.example.Client", """
                package com.example;
                import dev.corral.worker.app.*;
                public class Client implements Handler {
                    public Response handle(Request r) {
                        return Response.text(r.remoteAddress().getAddress().getHostAddress());
                    }
                }
                """);
        return corral.start("-b", "127.0.0.1:0", "-w", "1", "--app", "com.example.Client", "--app-classpath",
                jar.toString(), "--proxy-protocol", "--proxy-allow-from", allowed,
                "--access-logfile", tmp.resolve("access.log").toString());
    }

    @Test
    void v1AndV2HeadersFromAnAllowedPeerSetTheClientAddress() throws Exception {
        Corral c = start("127.0.0.1");
        int port = c.port();
        String v1 = "PROXY TCP4 192.0.2.7 127.0.0.1 50123 " + port + "\r\n";
        Corral.await(() -> exchange(port, v1.getBytes(StandardCharsets.US_ASCII)).endsWith("192.0.2.7"),
                Duration.ofSeconds(20), () -> c.outputText());
        assertTrue(exchange(port, v2("198.51.100.9", 40000, port)).endsWith("198.51.100.9"));
        Corral.await(() -> {
            try {
                String log = Files.readString(tmp.resolve("access.log"));
                return log.contains("192.0.2.7 - - [") && log.contains("198.51.100.9 - - [");
            } catch (java.io.IOException e) {
                return false;
            }
        }, Duration.ofSeconds(5), () -> "the access log names the proxied clients");
        // Plain HTTP without the header is a bad header: the connection is closed.
        assertEquals("", exchange(port, new byte[0]));
    }

    @Test
    void aPeerNotAllowedIsRefused() throws Exception {
        Corral c = start("10.9.8.7");
        int port = c.port();
        c.awaitWorkerCount(1, Duration.ofSeconds(20));
        String v1 = "PROXY TCP4 192.0.2.7 127.0.0.1 50123 " + port + "\r\n";
        assertEquals("", exchange(port, v1.getBytes(StandardCharsets.US_ASCII)), "closed without an answer");
    }

    // Sends the header (if any) and a GET; returns the whole answer, "" when the server closed first.
    private static String exchange(int port, byte[] header) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(header);
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.US_ASCII).trim();
        } catch (java.io.IOException e) {
            return "";
        }
    }

    // A PROXY v2 header: signature, PROXY command, TCP over IPv4, source and destination.
    private static byte[] v2(String source, int sourcePort, int port) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A});
        b.write(0x21);
        b.write(0x11);
        b.write(0);
        b.write(12);
        b.write(InetAddress.getByName(source).getAddress());
        b.write(InetAddress.getByName("127.0.0.1").getAddress());
        b.write(sourcePort >> 8);
        b.write(sourcePort & 0xff);
        b.write(port >> 8);
        b.write(port & 0xff);
        return b.toByteArray();
    }
}
