package dev.corral.worker.servlet.webxml;

/**
 * A servlet's {@code <multipart-config>}. Missing elements take the defaults of
 * {@code @MultipartConfig}: location {@code ""}, no size limits ({@code -1}), threshold 0.
 * Immutable.
 */
public record MultipartDef(String location, long maxFileSize, long maxRequestSize, int fileSizeThreshold) {
    public static final MultipartDef DEFAULTS = new MultipartDef("", -1L, -1L, 0);

    public MultipartDef {
        location = location == null ? "" : location;
    }
}
