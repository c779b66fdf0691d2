package dev.corral.worker.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.worker.app.Response;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Drain answers what is in flight, on the wire or sent on an idle connection before its keepalive
 * runs out, with Connection: close, then closes.
 */
class DrainTest {
    @Test
    void requestsInFlightOrOnTheWireAreAnsweredNotCutOff() throws Exception {
        TestServer server = TestServer.start(Map.of("keepalive", "2"), request -> {
            if ("/slow".equals(request.path())) {
                Thread.sleep(300);
            }
            return Response.text("ok");
        });
        try (RawClient idle = server.client(); RawClient busy = server.client(); RawClient late = server.client()) {
            idle.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
            late.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
            busy.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
            CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> drain(server));
            awaitListenerClosed(server.port);
            String busyResponse = busy.readResponse();
            assertEquals(200, RawClient.status(busyResponse), busyResponse);
            assertTrue(busyResponse.toLowerCase().contains("connection: close"), busyResponse);
            // A proxy reuses an idle connection whenever it likes, here half a second into the
            // drain: within keepalive, the request is answered (and the connection closed), never
            // met with a reset.
            Thread.sleep(500);
            String lateResponse = late.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
            assertEquals(200, RawClient.status(lateResponse), lateResponse);
            assertTrue(lateResponse.toLowerCase().contains("connection: close"), lateResponse);
            assertEquals("", late.readToClose());
            // The one left idle closes when its keepalive runs out, and the drain ends.
            assertEquals("", idle.readToClose());
            assertTrue(drained.get());
        }
    }

    @Test
    void aStreamCommittedDuringTheDrainSaysConnectionClose() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        TestServer server = TestServer.start(Map.of("keepalive", "1"), request -> "/stream".equals(request.path())
                ? Response.stream(200, "text/plain", out -> {
                    release.await();
                    out.write(new byte[20_000]); // over the buffer: the head commits now, chunked
                })
                : Response.text("ok"));
        try (RawClient idle = server.client(); RawClient busy = server.client()) {
            idle.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
            busy.send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
            CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> drain(server));
            // The idle connection closes when its keepalive runs out, and the busy one once answered.
            assertEquals("", idle.readToClose());
            release.countDown();
            String response = busy.readToClose();
            assertTrue(response.startsWith("HTTP/1.1 200 OK"), response);
            assertTrue(response.contains("Connection: close\r\n") && !response.contains("keep-alive"),
                    response.substring(0, response.indexOf("\r\n\r\n")));
            assertTrue(drained.get());
        }
    }

    private static boolean drain(TestServer server) {
        try {
            return server.server.drain(5);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitListenerClosed(int port) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                Thread.onSpinWait();
            } catch (ConnectException refused) {
                return;
            } catch (IOException other) {
                return;
            }
        }
        throw new AssertionError("listener still open");
    }
}
