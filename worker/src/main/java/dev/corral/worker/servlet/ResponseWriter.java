package dev.corral.worker.servlet;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;

/**
 * Encodes characters straight into the response's buffer, holding back nothing but half of a
 * surrogate pair, so that {@code isCommitted}, {@code resetBuffer} and the buffer size mean
 * the same for the writer as for the output stream. Handler thread of the request.
 */
final class ResponseWriter extends Writer {
    private final OutputStream out;
    private final CharsetEncoder encoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(1024);
    private char pendingHigh;

    ResponseWriter(OutputStream out, Charset charset) {
        this.out = out;
        this.encoder = charset.newEncoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return;
        }
        CharBuffer chars;
        if (pendingHigh != 0) {
            char[] joined = new char[len + 1];
            joined[0] = pendingHigh;
            System.arraycopy(cbuf, off, joined, 1, len);
            pendingHigh = 0;
            chars = CharBuffer.wrap(joined);
        } else {
            chars = CharBuffer.wrap(cbuf, off, len);
        }
        if (Character.isHighSurrogate(chars.get(chars.limit() - 1))) {
            pendingHigh = chars.get(chars.limit() - 1);
            chars.limit(chars.limit() - 1);
        }
        encode(chars);
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        write(s.toCharArray(), off, len);
    }

    private void encode(CharBuffer chars) throws IOException {
        while (true) {
            var result = encoder.encode(chars, bytes, false);
            drain();
            if (result.isUnderflow()) {
                return;
            }
        }
    }

    private void drain() throws IOException {
        if (bytes.position() > 0) {
            out.write(bytes.array(), 0, bytes.position());
            bytes.clear();
        }
    }

    /** Nothing is held but half a surrogate pair, which waits for its other half. */
    @Override
    public void flush() {
    }

    /** Forgets half a surrogate pair, with the buffer it was meant for. */
    void clear() {
        pendingHigh = 0;
        encoder.reset();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
