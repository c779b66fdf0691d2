package dev.corral.master.it;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deliberately bad HTTP/2 client over cleartext (prior knowledge): it writes raw frames, so a
 * test can send what no well-behaved client would (resets by the thousand, endless CONTINUATION
 * frames), and it reads the server's frames on a thread of its own until the connection ends,
 * recording the GOAWAY's error code. Frame layout per RFC 9113 §4.1.
 */
final class H2Client implements AutoCloseable {
    static final int HEADERS = 0x1;
    static final int RST_STREAM = 0x3;
    static final int SETTINGS = 0x4;
    static final int GOAWAY = 0x7;
    static final int CONTINUATION = 0x9;
    static final int END_STREAM = 0x1;
    static final int END_HEADERS = 0x4;
    static final int CANCEL = 0x8;
    static final int ENHANCE_YOUR_CALM = 0xb;
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Socket socket;
    private final OutputStream out;
    private final CompletableFuture<Integer> goAway = new CompletableFuture<>();
    private final AtomicInteger headersReceived = new AtomicInteger();

    H2Client(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        out = socket.getOutputStream();
        Thread reader = new Thread(this::read, "h2-test-reader");
        reader.setDaemon(true);
        reader.start();
        out.write(PREFACE);
        frame(SETTINGS, 0, 0, new byte[0]);
    }

    /** A GET / header block: see {@link #getBlock(String)}. */
    static byte[] getBlock() {
        return getBlock("/");
    }

    /**
     * A GET of {@code path} in HPACK: indexed :method GET and :scheme http, then :path and
     * :authority localhost as literals without indexing, so that every block is the same bytes.
     */
    static byte[] getBlock(String path) {
        byte[] authority = "localhost".getBytes(StandardCharsets.US_ASCII);
        byte[] target = path.getBytes(StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream block = new java.io.ByteArrayOutputStream();
        block.write(0x82);
        block.write(0x86);
        block.write(0x04); // literal without indexing, name :path (static index 4)
        block.write(target.length);
        block.writeBytes(target);
        block.write(0x01);
        block.write(authority.length);
        block.writeBytes(authority);
        return block.toByteArray();
    }

    void frame(int type, int flags, int stream, byte[] payload) throws IOException {
        byte[] f = new byte[9 + payload.length];
        f[0] = (byte) (payload.length >>> 16);
        f[1] = (byte) (payload.length >>> 8);
        f[2] = (byte) payload.length;
        f[3] = (byte) type;
        f[4] = (byte) flags;
        f[5] = (byte) (stream >>> 24 & 0x7f);
        f[6] = (byte) (stream >>> 16);
        f[7] = (byte) (stream >>> 8);
        f[8] = (byte) stream;
        System.arraycopy(payload, 0, f, 9, payload.length);
        out.write(f);
    }

    void reset(int stream, int code) throws IOException {
        frame(RST_STREAM, 0, stream, new byte[] {(byte) (code >>> 24), (byte) (code >>> 16), (byte) (code >>> 8),
                (byte) code});
    }

    void flush() throws IOException {
        out.flush();
    }

    /** The GOAWAY's error code once one came; -1 when the connection ended without one. */
    CompletableFuture<Integer> goAway() {
        return goAway;
    }

    /** HEADERS frames the server sent (responses begun). */
    int responses() {
        return headersReceived.get();
    }

    private void read() {
        try (DataInputStream in = new DataInputStream(socket.getInputStream())) {
            while (true) {
                int length = in.readUnsignedByte() << 16 | in.readUnsignedByte() << 8 | in.readUnsignedByte();
                int type = in.readUnsignedByte();
                in.readUnsignedByte();
                in.readInt();
                byte[] payload = in.readNBytes(length);
                if (type == HEADERS) {
                    headersReceived.incrementAndGet();
                } else if (type == GOAWAY && payload.length >= 8) {
                    goAway.complete((payload[4] & 0xff) << 24 | (payload[5] & 0xff) << 16 | (payload[6] & 0xff) << 8
                            | payload[7] & 0xff);
                }
            }
        } catch (IOException end) {
            goAway.complete(-1);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
