package dev.corral.worker.demo;

import dev.corral.worker.app.Handler;
import dev.corral.worker.app.Request;
import dev.corral.worker.app.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * The built-in demo application, served when no {@code app} is set: hello world, the worker's
 * pid, an echo, a CPU-bound sentiment scorer, a slow endpoint, and (only with {@code demo_crash})
 * endpoints that crash, hang or leak memory in the worker to show supervision at work.
 */
public final class DemoApp implements Handler {
    private static final long MAX_SLEEP_MS = 600_000;
    private static final int MAX_LEAK_MB = 64;
    // What /leak keeps: never released, as a leak is not.
    private static final List<byte[]> LEAKED = Collections.synchronizedList(new ArrayList<>());

    private final boolean crashEnabled;
    private final SentimentScorer scorer = new SentimentScorer();
    private final Response pid = Response.text(Long.toString(ProcessHandle.current().pid()));
    private final Response hello = Response.text("Hello, World!");

    /** @param crashEnabled whether {@code /crash}, {@code /hang} and {@code /leak} work (the {@code demo_crash} setting) */
    public DemoApp(boolean crashEnabled) {
        this.crashEnabled = crashEnabled;
    }

    @Override
    public Response handle(Request request) throws Exception {
        String method = request.method();
        return switch (request.path()) {
            case "/" -> only(method, "GET", hello);
            case "/pid" -> only(method, "GET", pid);
            case "/echo" -> "POST".equals(method) || "PUT".equals(method) ? echo(request) : notAllowed("POST, PUT");
            case "/sentiment" -> "GET".equals(method) || "HEAD".equals(method) || "POST".equals(method)
                    ? sentiment(request) : notAllowed("GET, HEAD, POST");
            case "/sleep" -> "GET".equals(method) || "HEAD".equals(method) ? sleep(request) : notAllowed("GET, HEAD");
            case "/crash" -> crash();
            case "/hang" -> hang();
            case "/leak" -> leak(request);
            default -> Response.text(404, "Not Found");
        };
    }

    private static Response only(String method, String allowed, Response response) {
        return allowed.equals(method) || "HEAD".equals(method) ? response : notAllowed(allowed + ", HEAD");
    }

    private static Response notAllowed(String allow) {
        return Response.text(405, "Method Not Allowed").withHeader("Allow", allow);
    }

    private static Response echo(Request request) {
        String type = request.header("Content-Type");
        return Response.of(200, type != null ? type : "application/octet-stream", request.body());
    }

    private Response sentiment(Request request) {
        String text = request.queryParameter("text");
        if (text == null && "POST".equals(request.method())) {
            String type = request.header("Content-Type");
            boolean form = type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
            String body = request.bodyAsString();
            // curl -d sends any body as a form: a form without a text field is the text itself.
            String field = form ? Request.parseForm(body).get("text") : null;
            text = field != null ? field : body;
        }
        if (text == null || text.isBlank()) {
            return Response.text(400, "Give the text to score: /sentiment?text=... or POST it as the body");
        }
        SentimentScorer.Result r = scorer.score(text);
        return Response.of(200, "application/json",
                String.format(Locale.ROOT, "{\"sentiment\":\"%s\",\"score\":%.3f}", r.label(), r.score())
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Response sleep(Request request) throws InterruptedException {
        String ms = request.queryParameter("ms");
        long millis;
        try {
            millis = Long.parseLong(ms == null ? "" : ms);
        } catch (NumberFormatException e) {
            millis = -1;
        }
        if (millis < 0 || millis > MAX_SLEEP_MS) {
            return Response.text(400, "ms must be a number from 0 to " + MAX_SLEEP_MS);
        }
        Thread.sleep(millis);
        return Response.text("slept " + millis + " ms");
    }

    private Response crash() {
        if (!crashEnabled) {
            return Response.text(404, "Not Found");
        }
        // halt, not exit: no shutdown hooks, no goodbye, as a native crash or OOM kill would end it.
        Runtime.getRuntime().halt(70);
        return null;
    }

    // As a leaking application would: memory that is never given back, ?mb=N at a time.
    private Response leak(Request request) {
        if (!crashEnabled) {
            return Response.text(404, "Not Found");
        }
        int mb;
        try {
            mb = Integer.parseInt(String.valueOf(request.queryParameter("mb")));
        } catch (NumberFormatException e) {
            mb = 0;
        }
        if (mb < 1 || mb > MAX_LEAK_MB) {
            return Response.text(400, "mb must be a number from 1 to " + MAX_LEAK_MB);
        }
        byte[] block = new byte[mb << 20];
        Arrays.fill(block, (byte) 1); // touched, so resident
        LEAKED.add(block);
        return Response.text("leaked " + mb + " MiB more");
    }

    private Response hang() throws InterruptedException {
        if (!crashEnabled) {
            return Response.text(404, "Not Found");
        }
        // As a deadlocked application would: this thread never comes back.
        new CountDownLatch(1).await();
        return null;
    }
}
