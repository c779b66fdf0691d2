package dev.corral.worker.http.call;

import dev.corral.worker.app.Handler;
import dev.corral.worker.app.Response;

/**
 * Serves a {@link Handler}: its {@link Response} goes out whole, or, for a streamed one, through
 * a {@link BodyStream} that commits when its buffer fills or the writer flushes. Handler threads.
 */
public final class HandlerApp implements Application {
    private final Handler handler;

    public HandlerApp(Handler handler) {
        this.handler = handler;
    }

    @Override
    public void serve(Exchange exchange, Reply reply) throws Exception {
        Response response = handler.handle(exchange.request());
        if (response == null) {
            throw new NullPointerException("the handler returned a null response");
        }
        if (response.writer() == null) {
            reply.whole(response.status(), response.headers(), response.body());
            return;
        }
        BodyStream out = new BodyStream(reply, response.status(), response.headers());
        response.writer().writeTo(out);
        out.finish();
    }

    @Override
    public ClassLoader classLoader() {
        return handler.getClass().getClassLoader();
    }

    /** The handler served, for tests and the boot log. */
    public Handler handler() {
        return handler;
    }
}
