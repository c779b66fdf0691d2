package dev.corral.worker.http.h2;

import dev.corral.worker.control.Http2Settings;
import dev.corral.worker.http.ServingStats;
import dev.corral.worker.http.call.Application;
import dev.corral.worker.http.call.LeaderFollowers;
import dev.corral.worker.http.conn.ExchangeLog;
import dev.corral.worker.http.conn.ForwardedRule;
import dev.corral.worker.http.parse.RequestLimits;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/2 for a connection that chose it (ALPN {@code h2}, or the cleartext preface): Netty's
 * frame codec with Corral's settings and its flood guards, one child channel per stream
 * ({@link Http2Streams}), and the connection's owner for idle and drain
 * ({@link Http2ConnectionOwner}). One per worker, built on its main thread; {@link #install}
 * runs on the event loop.
 *
 * <p>The guards: at most {@code http2_max_concurrent_streams} open streams; a client that resets
 * more than {@link #MAX_RESETS} streams in {@link #RESET_WINDOW_SECONDS} (rapid reset,
 * CVE-2023-44487), or that makes Corral reset as many (CVE-2025-55163), gets GOAWAY
 * ENHANCE_YOUR_CALM; a head is bounded after HPACK decompression by
 * {@code http2_max_header_list_size} and its CONTINUATION frames by count (CVE-2024-27316);
 * control frames (SETTINGS and PING acknowledgements, resets) queued for a client that does not
 * read are bounded; a stream of empty DATA frames is refused.
 */
public final class Http2Protocol {
    static final int MAX_RESETS = 200;
    static final int RESET_WINDOW_SECONDS = 30;
    private static final int MAX_QUEUED_CONTROL_FRAMES = 10_000;
    private static final int MAX_EMPTY_DATA_FRAMES = 2;
    private static final int MAX_SMALL_CONTINUATIONS = 16;

    private final Http2Settings settings;
    private final Application app;
    private final LeaderFollowers handlers;
    private final ServingStats stats;
    private final ExchangeLog log;
    private final ForwardedRule forwarded;
    private final RequestLimits limits;
    private final boolean serverHeader;
    private final int keepaliveSeconds;
    private final long gracefulMillis;

    public Http2Protocol(Http2Settings settings, Application app, LeaderFollowers handlers, ServingStats stats,
                         ExchangeLog log, ForwardedRule forwarded, RequestLimits limits, boolean serverHeader,
                         int keepaliveSeconds, int gracefulTimeoutSeconds) {
        this.settings = settings;
        this.app = app;
        this.handlers = handlers;
        this.stats = stats;
        this.log = log;
        this.forwarded = forwarded;
        this.limits = limits;
        this.serverHeader = serverHeader;
        this.keepaliveSeconds = keepaliveSeconds;
        this.gracefulMillis = TimeUnit.SECONDS.toMillis(Math.max(1, gracefulTimeoutSeconds));
    }

    /**
     * Makes {@code ch} an HTTP/2 connection. With {@code refuse} (the worker is at
     * {@code worker_connections}), it says GOAWAY at once, so that the client retries elsewhere.
     */
    public void install(Channel ch, boolean refuse) {
        ChannelPipeline p = ch.pipeline();
        // The answers of many streams come back as separate tasks: one write for all of them
        // rather than a system call (and a TLS record) each.
        p.addLast(new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
        Http2FrameCodec codec = codec();
        p.addLast(codec);
        Http2Streams streams = new Http2Streams(this, ch, codec, keepaliveSeconds);
        p.addLast(new Http2MultiplexHandler(streams));
        p.addLast(new Http2ConnectionOwner(streams, refuse));
    }

    private Http2FrameCodec codec() {
        io.netty.handler.codec.http2.Http2Settings initial = new io.netty.handler.codec.http2.Http2Settings()
                .maxConcurrentStreams(settings.maxConcurrentStreams())
                .initialWindowSize(settings.initialWindowSize())
                .maxFrameSize(settings.maxFrameSize())
                .maxHeaderListSize(settings.headerListBound());
        return Http2FrameCodecBuilder.forServer()
                .initialSettings(initial)
                .gracefulShutdownTimeoutMillis(gracefulMillis)
                .validateHeaders(true)
                .decoderEnforceMaxRstFramesPerWindow(MAX_RESETS, RESET_WINDOW_SECONDS)
                .encoderEnforceMaxRstFramesPerWindow(MAX_RESETS, RESET_WINDOW_SECONDS)
                .decoderEnforceMaxSmallContinuationFrames(MAX_SMALL_CONTINUATIONS)
                .decoderEnforceMaxConsecutiveEmptyDataFrames(MAX_EMPTY_DATA_FRAMES)
                .encoderEnforceMaxQueuedControlFrames(MAX_QUEUED_CONTROL_FRAMES)
                .build();
    }

    Application app() {
        return app;
    }

    LeaderFollowers handlers() {
        return handlers;
    }

    ServingStats stats() {
        return stats;
    }

    ExchangeLog log() {
        return log;
    }

    ForwardedRule forwarded() {
        return forwarded;
    }

    RequestLimits limits() {
        return limits;
    }

    boolean serverHeader() {
        return serverHeader;
    }
}
