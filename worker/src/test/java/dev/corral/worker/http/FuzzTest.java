package dev.corral.worker.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.corral.worker.app.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Sends 10,000 mutated requests over real sockets: each connection must get a well-formed
 * response or a clean close, and the server must keep serving. Reproduce a failure with
 * {@code -Dfuzz.seed=<the printed seed>}; request {@code i} depends only on the seed and i.
 */
class FuzzTest {
    private static final int REQUESTS = 10_000;
    private static final int CLIENTS = 8;
    private static final String[] VALID = {
        "GET / HTTP/1.1\r\nHost: localhost\r\nUser-Agent: fuzz\r\nAccept: */*\r\n\r\n",
        "POST /echo?x=1 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 11\r\nContent-Type: text/plain\r\n\r\nhello world",
        "POST /c HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n5;a=b\r\nhello\r\n6\r\n world\r\n0\r\nT: 1\r\n\r\n",
        "GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n",
        "GET /old HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
        "PUT /x HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc",
    };

    @Test
    void mutatedRequestsGetAnAnswerOrACleanClose() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.println("FuzzTest seed: " + seed + " (rerun with -Dfuzz.seed=" + seed + ")");
        try (TestServer server = TestServer.start(Map.of("limit_request_body", "64", "keepalive", "2"),
                request -> Response.text("ok " + request.body().length))) {
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<?>> batches = new ArrayList<>();
                for (int t = 0; t < CLIENTS; t++) {
                    int first = t;
                    batches.add(clients.submit(() -> {
                        for (int i = first; i < REQUESTS; i += CLIENTS) {
                            checkOne(server.port, seed, i);
                        }
                        return null;
                    }));
                }
                for (Future<?> batch : batches) {
                    batch.get();
                }
            } finally {
                clients.shutdownNow();
            }
            StrictParsingTestSupport.assertServes(server.port);
        }
    }

    private static void checkOne(int port, long seed, int i) throws IOException {
        byte[] request = mutate(new Random(seed * 31 + i));
        String response = exchange(port, request);
        if (!response.isEmpty() && !wellFormed(response)) {
            throw new AssertionError("seed " + seed + " request " + i + ": malformed response to "
                    + new String(request, StandardCharsets.ISO_8859_1) + "\n---\n" + response);
        }
        if (i % 1000 == 0) {
            StrictParsingTestSupport.assertServes(port);
        }
    }

    static byte[] mutate(Random random) {
        String base = VALID[random.nextInt(VALID.length)];
        List<Byte> bytes = new ArrayList<>();
        for (byte b : base.getBytes(StandardCharsets.ISO_8859_1)) {
            bytes.add(b);
        }
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations && !bytes.isEmpty(); m++) {
            int at = random.nextInt(bytes.size());
            switch (random.nextInt(5)) {
                case 0 -> bytes.set(at, (byte) random.nextInt(256));
                case 1 -> bytes.add(at, pick(random));
                case 2 -> bytes.remove(at);
                case 3 -> duplicateLine(bytes, at);
                default -> changeNumber(bytes, at, random);
            }
        }
        byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.get(i);
        }
        return out;
    }

    // Bytes that matter to the grammar, more often than chance would pick them.
    private static byte pick(Random random) {
        byte[] special = " \t\r\n:;,\"\\0xX-+".getBytes(StandardCharsets.ISO_8859_1);
        return random.nextBoolean() ? special[random.nextInt(special.length)] : (byte) random.nextInt(256);
    }

    private static void duplicateLine(List<Byte> bytes, int at) {
        int start = at;
        while (start > 0 && bytes.get(start - 1) != '\n') {
            start--;
        }
        int end = at;
        while (end < bytes.size() && bytes.get(end) != '\n') {
            end++;
        }
        List<Byte> line = new ArrayList<>(bytes.subList(start, Math.min(end + 1, bytes.size())));
        bytes.addAll(start, line);
    }

    private static void changeNumber(List<Byte> bytes, int at, Random random) {
        int d = at;
        while (d < bytes.size() && !Character.isDigit(bytes.get(d))) {
            d++;
        }
        if (d == bytes.size()) {
            return;
        }
        int end = d;
        while (end < bytes.size() && Character.isDigit(bytes.get(end))) {
            end++;
        }
        bytes.subList(d, end).clear();
        String number = random.nextBoolean() ? String.valueOf(random.nextInt(100))
                : Long.toHexString(random.nextLong());
        for (int k = number.length() - 1; k >= 0; k--) {
            bytes.add(d, (byte) number.charAt(k));
        }
    }

    private static String exchange(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request);
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    out.write(buf, 0, n);
                }
            } catch (java.net.SocketException reset) {
                // a reset is a close; what arrived before it is still checked
            }
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }

    // Every response on the connection: status line, header lines, then a body of its length.
    static boolean wellFormed(String stream) {
        int pos = 0;
        while (pos < stream.length()) {
            int headEnd = stream.indexOf("\r\n\r\n", pos);
            if (headEnd < 0) {
                return false;
            }
            String[] lines = stream.substring(pos, headEnd).split("\r\n");
            if (!lines[0].matches("HTTP/1\\.1 [1-5]\\d\\d [A-Za-z -]+")) {
                return false;
            }
            for (int i = 1; i < lines.length; i++) {
                if (!lines[i].matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+: [\\x20-\\x7e]*")) {
                    return false;
                }
            }
            pos = headEnd + 4 + RawClient.contentLength(stream.substring(pos, headEnd + 4));
        }
        return pos == stream.length();
    }

    /** Shared check that a plain valid request is still served. */
    static final class StrictParsingTestSupport {
        static void assertServes(int port) throws IOException {
            try (RawClient c = new RawClient(port)) {
                String response = c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
                assertEquals(200, RawClient.status(response), response);
            }
        }
    }
}
