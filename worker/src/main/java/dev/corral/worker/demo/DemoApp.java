package dev.corral.worker.demo;

import dev.corral.worker.app.Handler;
import dev.corral.worker.app.Request;
import dev.corral.worker.app.Response;

/** Placeholder until the demo app lands. */
public final class DemoApp implements Handler {
    private final boolean crashEnabled;

    public DemoApp(boolean crashEnabled) {
        this.crashEnabled = crashEnabled;
    }

    @Override
    public Response handle(Request request) throws Exception {
        return switch (request.path()) {
            case "/" -> Response.text("Hello, World!");
            case "/pid" -> Response.text(String.valueOf(ProcessHandle.current().pid()));
            case "/crash" -> {
                if (crashEnabled) {
                    Runtime.getRuntime().halt(70);
                }
                yield Response.text(404, "Not Found");
            }
            case "/sleep" -> {
                Thread.sleep(Long.parseLong(request.queryParameter("ms")));
                yield Response.text("slept");
            }
            default -> Response.text(404, "Not Found");
        };
    }
}
