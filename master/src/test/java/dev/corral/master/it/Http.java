package dev.corral.master.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A deliberately plain HTTP/1.1 client over a raw socket: it sends exactly the bytes it is given,
 * which no ordinary client would for malformed or pipelined requests.
 */
final class Http implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** One parsed response. */
    record Reply(int status, String headers, String body) {
        String header(String name) {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    Http(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(15000);
        in = new java.io.PushbackInputStream(socket.getInputStream(), 1);
        out = socket.getOutputStream();
    }

    /** Opens a connection, sends one {@code GET path} with {@code Connection: close}, returns the reply. */
    static Reply get(int port, String path) throws IOException {
        try (Http h = new Http(port)) {
            h.send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            return h.read();
        }
    }

    void send(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads one response (Content-Length or chunked bodies). */
    Reply read() throws IOException {
        String head = readHead();
        int status = Integer.parseInt(head.substring(9, 12));
        Reply headersOnly = new Reply(status, head, "");
        String length = headersOnly.header("Content-Length");
        byte[] body;
        if (length != null) {
            body = in.readNBytes(Integer.parseInt(length));
        } else if ("chunked".equalsIgnoreCase(headersOnly.header("Transfer-Encoding"))) {
            body = readChunked();
        } else {
            body = in.readAllBytes();
        }
        return new Reply(status, head, new String(body, StandardCharsets.UTF_8));
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + buf.size() + " bytes: " + buf);
            }
            buf.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return buf.toString(StandardCharsets.ISO_8859_1);
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                readLine();
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            readLine();
        }
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                sb.append((char) b);
            }
        }
        return sb.toString();
    }

    /** Whether no byte of a reply arrives within {@code wait}; a reply that does arrive stays readable. */
    boolean readsNothingFor(java.time.Duration wait) throws IOException {
        java.io.PushbackInputStream peek = pushback();
        socket.setSoTimeout((int) wait.toMillis());
        try {
            int b = peek.read();
            if (b >= 0) {
                peek.unread(b);
            }
            return false;
        } catch (java.net.SocketTimeoutException quiet) {
            return true;
        } finally {
            socket.setSoTimeout(15000);
        }
    }

    private java.io.PushbackInputStream pushback() {
        return (java.io.PushbackInputStream) in;
    }

    /** Whether the server closed the connection (reads end of stream). */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
