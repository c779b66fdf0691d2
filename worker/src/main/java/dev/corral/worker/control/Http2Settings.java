package dev.corral.worker.control;

import java.util.List;

/**
 * The HTTP/2 settings as the master sent them (Gunicorn's names).
 *
 * @param protocols {@code h1} and {@code h2}, in the order of preference ({@code http_protocols})
 * @param priorKnowledge cleartext connections that open with the HTTP/2 preface are served HTTP/2
 * @param maxConcurrentStreams {@code http2_max_concurrent_streams}
 * @param initialWindowSize {@code http2_initial_window_size}
 * @param maxFrameSize {@code http2_max_frame_size}
 * @param maxHeaderListSize {@code http2_max_header_list_size}, 0 for the ceiling
 */
public record Http2Settings(List<String> protocols, boolean priorKnowledge, int maxConcurrentStreams,
                            int initialWindowSize, int maxFrameSize, int maxHeaderListSize) {
    /** The largest head a worker will decompress, whatever the setting says. */
    public static final int MAX_HEADER_LIST_CEILING = 1 << 20;

    public Http2Settings {
        protocols = List.copyOf(protocols);
    }

    /** Whether HTTP/2 is served at all. */
    public boolean h2() {
        return protocols.contains("h2");
    }

    /** Whether HTTP/1.x is served. */
    public boolean h1() {
        return protocols.contains("h1");
    }

    /** The header list bound actually enforced. */
    public int headerListBound() {
        return maxHeaderListSize <= 0 || maxHeaderListSize > MAX_HEADER_LIST_CEILING
                ? MAX_HEADER_LIST_CEILING : maxHeaderListSize;
    }
}
