package com.example.hello;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain servlet for benchmarks and failure tests. Its paths are read from the request URI
 * less the context path, so it answers the same whatever it is mapped at ({@code /} or
 * {@code /*}).
 *
 * <ul>
 *   <li>{@code GET /}: {@code Hello, World!}
 *   <li>{@code GET /version}: the content of the class-path resource {@code version.txt}, read on
 *       each request (a test makes version 2 by replacing that resource in a copy of the jar)
 *   <li>{@code GET /pid}: this JVM's process id
 *   <li>{@code GET /throw}: a RuntimeException (IllegalStateException) out of {@code service}
 *   <li>{@code GET /exit}: {@code System.exit(3)}
 *   <li>{@code GET /oom}: allocates until OutOfMemoryError, keeping every block (a leak: the
 *       heap stays full afterwards)
 *   <li>{@code GET /sleep?ms=N}: answers after N milliseconds
 *   <li>{@code GET /param?name=x}: the servlet's init parameter x (404 if it has none)
 *   <li>a missing or malformed query parameter: 400; any other path: 404
 * </ul>
 */
public class HelloServlet extends HttpServlet {

    /** What {@code /oom} allocates: kept here so the memory is not freed when the error is thrown. */
    private static final List<byte[]> LEAK = new ArrayList<>();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        try {
            route(path, request, response);
        } catch (IllegalArgumentException e) { // a missing or malformed query parameter
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
        }
    }

    private void route(String path, HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        switch (path) {
            case "", "/" -> text(response, "Hello, World!");
            case "/version" -> text(response, version());
            case "/pid" -> text(response, Long.toString(ProcessHandle.current().pid()));
            case "/throw" -> throw new IllegalStateException("thrown on purpose by " + path);
            case "/exit" -> System.exit(3);
            case "/oom" -> {
                while (true) {
                    LEAK.add(new byte[1 << 20]);
                }
            }
            case "/sleep" -> {
                long ms = Long.parseLong(required(request, "ms"));
                try {
                    Thread.sleep(ms);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ServletException("interrupted while sleeping", e);
                }
                text(response, "slept " + ms + " ms");
            }
            case "/param" -> {
                String name = required(request, "name");
                String value = getInitParameter(name);
                if (value == null) {
                    response.sendError(HttpServletResponse.SC_NOT_FOUND, "no init parameter " + name);
                } else {
                    text(response, value);
                }
            }
            default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    private static String required(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        if (value == null) {
            throw new IllegalArgumentException("missing query parameter " + name);
        }
        return value;
    }

    private static String version() throws IOException {
        try (InputStream in = HelloServlet.class.getResourceAsStream("/version.txt")) {
            if (in == null) {
                throw new IOException("version.txt is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    private static void text(HttpServletResponse response, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/plain;charset=UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
