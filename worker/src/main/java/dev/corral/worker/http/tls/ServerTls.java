package dev.corral.worker.http.tls;

import dev.corral.worker.control.TlsSettings;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslServerSessionContext;
import io.netty.handler.ssl.OpenSslSessionTicketKey;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.io.File;
import java.util.List;

/**
 * TLS as Gunicorn's settings say ({@code certfile}, {@code keyfile}, {@code ca_certs},
 * {@code cert_reqs}, {@code ciphers}), through Netty's {@link SslHandler}: OpenSSL (BoringSSL,
 * netty-tcnative) where it loads, the JDK's provider otherwise. TLS 1.2 and 1.3 only. Built on
 * the worker's main thread (and by the master, to check the files before anything starts); its
 * handlers run on the event loop, first in every connection's pipeline.
 */
public final class ServerTls {
    /** The versions offered: older ones are refused in the handshake. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    // A client that has not finished its handshake by then is closed: a slow or bogus TLS client
    // must not hold a connection slot.
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;
    /** Handshakes in flight per worker beyond which a new connection is closed at once. */
    public static final int MAX_HANDSHAKES = 512;

    private final SslContext context;
    private final String provider;
    // Touched only on the worker's event loop (one per worker), where every connection starts.
    private int handshaking;

    private ServerTls(SslContext context, String provider) {
        this.context = context;
        this.provider = provider;
    }

    /** The context for these settings, or null when TLS is off; no ALPN. */
    public static ServerTls load(TlsSettings settings) throws TlsException {
        return load(settings, List.of());
    }

    /**
     * The context for these settings, or null when TLS is off, offering {@code protocols}
     * ({@code h1}, {@code h2}, in the order of preference) through ALPN; none when empty.
     */
    public static ServerTls load(TlsSettings settings, List<String> protocols) throws TlsException {
        if (settings.certfile() == null) {
            return null;
        }
        SslProvider provider = OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        try {
            PemFiles.checkPair(new File(settings.certfile()), new File(settings.keyfile()));
            SslContextBuilder builder = SslContextBuilder
                    .forServer(new File(settings.certfile()), new File(settings.keyfile()))
                    .sslProvider(provider)
                    .protocols(PROTOCOLS)
                    .clientAuth(switch (settings.certReqs()) {
                        case "optional" -> ClientAuth.OPTIONAL;
                        case "required" -> ClientAuth.REQUIRE;
                        default -> ClientAuth.NONE;
                    });
            if (!protocols.isEmpty()) {
                builder.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        // The only behaviours OpenSSL supports: a client that offers none of
                        // ours gets no protocol chosen, and the fallback (HTTP/1.1) serves it.
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        protocols.stream().map(p -> p.equals("h2") ? ApplicationProtocolNames.HTTP_2
                                : ApplicationProtocolNames.HTTP_1_1).toList()));
            }
            if (settings.caCerts() != null) {
                builder.trustManager(new File(settings.caCerts()));
            }
            if (settings.ciphers() != null) {
                builder.ciphers(List.of(settings.ciphers().split("[:,]")), SupportedCipherSuiteFilter.INSTANCE);
            }
            SslContext context = builder.build();
            shareTicketKeys(context, settings.ticketKeys());
            return new ServerTls(context, provider == SslProvider.OPENSSL
                    ? "OpenSSL (" + OpenSsl.versionString() + ")" : "the JDK's provider");
        } catch (Exception e) {
            throw new TlsException(describe(e));
        }
    }

    // Every worker encrypts tickets with the master's keys, so that a session resumes on any of
    // them. The JDK's provider keeps its own (resumption then works per worker only).
    private static void shareTicketKeys(SslContext context, List<byte[]> keys) {
        if (keys.isEmpty() || !(context.sessionContext() instanceof OpenSslServerSessionContext openssl)) {
            return;
        }
        OpenSslSessionTicketKey[] ticketKeys = keys.stream().map(k -> new OpenSslSessionTicketKey(
                java.util.Arrays.copyOfRange(k, 0, 16), java.util.Arrays.copyOfRange(k, 16, 32),
                java.util.Arrays.copyOfRange(k, 32, 48))).toArray(OpenSslSessionTicketKey[]::new);
        openssl.setTicketKeys(ticketKeys);
    }

    /**
     * A handler for one new connection, with the handshake's deadline armed; null when
     * {@link #MAX_HANDSHAKES} are in flight already, and the connection is to be closed. On the
     * event loop.
     */
    public SslHandler newHandler(ByteBufAllocator alloc) {
        if (handshaking >= MAX_HANDSHAKES) {
            return null;
        }
        SslHandler handler = context.newHandler(alloc);
        handler.setHandshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS);
        handshaking++;
        // Completed on the same loop, with success, a failure or the deadline.
        handler.handshakeFuture().addListener(f -> handshaking--);
        return handler;
    }

    /** Which implementation runs, for the log. */
    public String provider() {
        return provider;
    }

    // The innermost message is the one that names the problem ("File does not contain valid
    // certificates", "Input stream not contain valid private key").
    private static String describe(Throwable e) {
        Throwable t = e;
        String message = e.getMessage();
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message == null ? e.toString() : message;
    }

    /** The certificate, key or CA file cannot be used; the message is the reason. */
    public static final class TlsException extends Exception {
        TlsException(String message) {
            super(message);
        }
    }
}
