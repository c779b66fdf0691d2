package dev.corral.worker.servlet;

import dev.corral.worker.http.wire.StatusLine;
import jakarta.servlet.ServletException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The application's error pages (web.xml's {@code <error-page>}): by status code, by exception
 * type, and a default one. Filled while the application starts; read by handler threads.
 */
final class ErrorPages {
    private final Map<Integer, String> byStatus = new LinkedHashMap<>();
    private final Map<String, String> byException = new LinkedHashMap<>();
    private String fallback;

    void add(Integer status, String exceptionType, String location) {
        if (status != null) {
            byStatus.putIfAbsent(status, location);
        } else if (exceptionType != null) {
            byException.putIfAbsent(exceptionType, location);
        } else {
            fallback = location;
        }
    }

    String forStatus(int status) {
        String page = byStatus.get(status);
        return page != null ? page : status >= 400 ? fallback : null;
    }

    /** The page for {@code failure} or, failing that, for what it wraps (§10.9.2), else for 500. */
    String forException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t instanceof ServletException se ? se.getRootCause() : null) {
            for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
                String page = byException.get(c.getName());
                if (page != null) {
                    return page;
                }
            }
        }
        return forStatus(500);
    }

    /** The body of an error answered without a page of the application's: the reason phrase. */
    static byte[] plainBody(int status, String message) {
        String text = StatusLine.reason(status) + (message == null || message.isBlank() ? "" : ": " + message) + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
