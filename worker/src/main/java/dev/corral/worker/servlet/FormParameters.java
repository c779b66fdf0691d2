package dev.corral.worker.servlet;

import dev.corral.worker.servlet.request.ContentTypes;
import dev.corral.worker.servlet.request.Parameters;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request's parameters as §3.1 of the spec has them: the query string's first (decoded as
 * UTF-8), then those of an {@code application/x-www-form-urlencoded} POST body (in the
 * request's character encoding) unless the application already read the body itself.
 * Handler thread of the request.
 */
final class FormParameters {
    private FormParameters() {
    }

    static Map<String, String[]> of(BridgeRequest request) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        String query = request.getQueryString();
        if (query != null) {
            Parameters.parseUrlEncoded(query, StandardCharsets.UTF_8, values);
        }
        if ("POST".equals(request.getMethod()) && !request.bodyRead()
                && "application/x-www-form-urlencoded".equals(ContentTypes.mimeType(request.getContentType()))) {
            Parameters.parseUrlEncoded(request.body(), request.charset(), values);
        }
        Map<String, String[]> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, v.toArray(String[]::new)));
        return Collections.unmodifiableMap(out);
    }
}
