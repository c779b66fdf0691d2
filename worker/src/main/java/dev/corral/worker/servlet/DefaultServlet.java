package dev.corral.worker.servlet;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;

/**
 * Corral's servlet for {@code /} when the application maps none there: it serves the
 * application's static files (an exploded WAR's root, {@code META-INF/resources} in its jars),
 * never what is under {@code WEB-INF} or {@code META-INF}, and answers 404 for anything else.
 * Handler threads.
 */
final class DefaultServlet extends HttpServlet {
    private final transient Resources resources;

    DefaultServlet(Resources resources) {
        this.resources = resources;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (!resources.servable(path)) {
            response.sendError(404);
            return;
        }
        String type = resources.mimeType(path);
        response.setContentType(type == null ? "application/octet-stream" : type);
        try (InputStream in = resources.open(path)) {
            if (in == null) {
                response.sendError(404);
                return;
            }
            in.transferTo(response.getOutputStream());
        }
    }
}
