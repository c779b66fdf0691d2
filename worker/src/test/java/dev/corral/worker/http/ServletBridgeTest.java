package dev.corral.worker.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.worker.servlet.Deployer;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A servlet on Corral's request path: the head is decided at commit (a whole body gets
 * Content-Length, a longer one is chunked as it is written), setHeader(name, null) removes,
 * reset and sendError, failures before and after the commit, HEAD, form parameters.
 */
class ServletBridgeTest {
    private static TestServer server;

    /** The servlet under test; each path shows one rule. */
    public static final class Probe extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
            switch (req.getPathInfo()) {
                case "/late-header" -> {
                    resp.getWriter().print("small");
                    resp.setHeader("X-Late", "still in time");
                    resp.setStatus(201);
                }
                case "/removed" -> {
                    resp.setHeader("X-Gone", "soon");
                    resp.setHeader("X-Gone", null);
                    resp.getWriter().print("ok");
                }
                case "/big" -> {
                    resp.setContentType("text/plain");
                    byte[] block = "0123456789".repeat(100).getBytes();
                    for (int i = 0; i < 20; i++) {
                        resp.getOutputStream().write(block);
                    }
                    resp.setHeader("X-After-Commit", "ignored");
                }
                case "/flushed" -> {
                    resp.getWriter().print("early");
                    resp.flushBuffer();
                    resp.setStatus(500);
                    resp.getWriter().print(",late");
                }
                case "/reset" -> {
                    resp.setHeader("X-Dropped", "1");
                    resp.getWriter().print("dropped");
                    resp.reset();
                    resp.setStatus(202);
                    resp.getWriter().print("kept");
                }
                case "/error" -> resp.sendError(409, "taken");
                case "/throw" -> throw new IllegalStateException("before the commit");
                case "/throw-late" -> {
                    resp.getOutputStream().write(new byte[20_000]);
                    throw new IllegalStateException("after the commit");
                }
                case "/form" -> resp.getWriter().print(req.getParameter("a") + "," + req.getParameter("b"));
                default -> resp.sendError(404);
            }
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of(), Deployer.deploy(new Deployer.Plan(Probe.class,
                ServletBridgeTest.class.getClassLoader(), null, null, Map.of(), 1)));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String get(String path) throws IOException {
        return request("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    }

    private static String request(String text) throws IOException {
        try (RawClient c = server.client()) {
            return c.send(text).readToClose();
        }
    }

    @Test
    void headersAndStatusMayChangeUntilTheCommitAndASmallBodyGoesWhole() throws Exception {
        String r = get("/late-header");
        assertTrue(r.startsWith("HTTP/1.1 201 "), r);
        assertTrue(r.contains("X-Late: still in time\r\n"), r);
        assertTrue(r.contains("Content-Length: 5\r\n"), r);
        assertTrue(r.endsWith("\r\n\r\nsmall"), r);
    }

    @Test
    void settingAHeaderToNullRemovesIt() throws Exception {
        String r = get("/removed");
        assertFalse(r.contains("X-Gone"), r);
        assertTrue(r.endsWith("ok"), r);
    }

    @Test
    void aBodyLongerThanTheBufferIsChunkedAndLaterHeadersAreIgnored() throws Exception {
        String r = get("/big");
        assertTrue(r.contains("Transfer-Encoding: chunked\r\n"), r);
        assertFalse(r.contains("Content-Length"), r);
        assertFalse(r.contains("X-After-Commit"), r);
        assertTrue(r.endsWith("0\r\n\r\n"), "the body ends properly");
    }

    @Test
    void flushBufferCommitsTheStatus() throws Exception {
        String r = get("/flushed");
        assertTrue(r.startsWith("HTTP/1.1 200 "), r);
        assertTrue(r.contains("early") && r.contains(",late"), r);
    }

    @Test
    void resetDropsHeadersStatusAndBuffer() throws Exception {
        String r = get("/reset");
        assertTrue(r.startsWith("HTTP/1.1 202 "), r);
        assertFalse(r.contains("X-Dropped") || r.contains("dropped"), r);
        assertTrue(r.endsWith("kept"), r);
    }

    @Test
    void sendErrorAnswersWithTheReasonAndMessage() throws Exception {
        String r = get("/error");
        assertTrue(r.startsWith("HTTP/1.1 409 "), r);
        assertTrue(r.endsWith("Conflict: taken\n"), r);
    }

    @Test
    void anExceptionBeforeTheCommitIsA500() throws Exception {
        String r = get("/throw");
        assertTrue(r.startsWith("HTTP/1.1 500 "), r);
        assertTrue(get("/late-header").startsWith("HTTP/1.1 201 "), "the worker goes on");
    }

    @Test
    void anExceptionAfterTheCommitClosesTheConnectionWithoutTheLastChunk() throws Exception {
        try (RawClient c = server.client()) {
            String r = c.send("GET /throw-late HTTP/1.1\r\nHost: x\r\n\r\n").readToClose();
            assertTrue(r.startsWith("HTTP/1.1 200 "), r);
            assertTrue(r.contains("Transfer-Encoding: chunked"), r);
            assertFalse(r.endsWith("0\r\n\r\n"), "a cut-short body must not look complete");
        }
    }

    @Test
    void headSendsTheLengthAndNoBody() throws Exception {
        String r = request("HEAD /late-header HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertTrue(r.startsWith("HTTP/1.1 201 "), r);
        assertTrue(r.endsWith("\r\n\r\n"), "no body: " + r);
    }

    @Test
    void formBodiesReachGetParameterAfterTheQuery() throws Exception {
        String r = request("POST /form?a=q HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\n\r\nb=2&a=f");
        assertTrue(r.endsWith("q,2"), r);
    }
}
