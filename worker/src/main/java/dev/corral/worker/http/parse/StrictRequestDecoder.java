package dev.corral.worker.http.parse;

import static dev.corral.worker.http.parse.BadRequestException.bad;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;

/**
 * Turns the bytes of one connection into whole {@link DecodedRequest}s (head and de-chunked
 * body), accepting only what RFC 9112 allows; anything else becomes a single {@link Rejection},
 * after which the rest of the connection's input is discarded. It also passes on
 * {@link DecoderSignal}s: where a request begins, and when a client waits for
 * {@code 100 Continue}. Netty's own decoder is lenient (it reports failures on the message it
 * produced), and a lenient parser in front of a strict one is how request smuggling happens, so
 * this one stands alone. Event loop only: one instance per connection.
 */
public final class StrictRequestDecoder extends ByteToMessageDecoder {
    private static final int MAX_CHUNK_LINE = 4096;
    private static final int CRLF_BYTES = 2;
    private static final DefaultHttpHeadersFactory HEADERS =
            DefaultHttpHeadersFactory.headersFactory().withValidation(false);

    private enum State { REQUEST_LINE, HEADERS, FIXED_BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, REJECTED }

    private final RequestLimits limits;
    private final RequestDeadline deadline;
    private State state = State.REQUEST_LINE;
    private LineParser.RequestLine line;
    private HttpHeaders headers;
    private HttpHeaders trailers;
    private int fieldCount;
    private long remaining;
    private ByteBuf body;
    private boolean headStarted;

    public StrictRequestDecoder(RequestLimits limits) {
        this.limits = limits;
        this.deadline = new RequestDeadline(this::timedOut);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // Counting from the connection's start too: a client that connects and says nothing.
        deadline.arm(ctx, limits.headerNanos());
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        try {
            while (in.isReadable() && step(ctx, in, out)) {
                // each step consumed something or changed state
            }
        } catch (BadRequestException e) {
            reject(Rejection.of(e.status(), e.getMessage(), true, line), out);
        }
        if (state == State.REJECTED) {
            in.skipBytes(in.readableBytes());
        }
    }

    // One unit of progress; false when more bytes are needed.
    private boolean step(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws BadRequestException {
        switch (state) {
            case REQUEST_LINE, HEADERS, TRAILERS, CHUNK_SIZE -> {
                return nextLine(ctx, in, out);
            }
            case FIXED_BODY, CHUNK_DATA -> {
                readBody(ctx, in, out);
                return true;
            }
            case CHUNK_END -> {
                return chunkEnd(in);
            }
            default -> {
                in.skipBytes(in.readableBytes());
                return false;
            }
        }
    }

    private boolean nextLine(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws BadRequestException {
        if (state == State.REQUEST_LINE && !headStarted) {
            headStarted = true;
            deadline.arm(ctx, limits.headerNanos());
            signal(ctx, DecoderSignal.HEAD_STARTED, out);
        }
        int start = in.readerIndex();
        int max = maxLineLength();
        int lf = in.indexOf(start, Math.min(in.writerIndex(), start + max + CRLF_BYTES), (byte) '\n');
        if (lf < 0) {
            if (in.readableBytes() > max + 1) {
                throw tooLong();
            }
            return false;
        }
        if (lf == start || in.getByte(lf - 1) != '\r') {
            throw bad("bare LF");
        }
        int end = lf - 1;
        if (in.indexOf(start, end, (byte) '\r') >= 0) {
            throw bad("bare CR");
        }
        handleLine(ctx, in, start, end, out);
        in.readerIndex(lf + 1);
        return true;
    }

    // Netty refuses output from a decode() call that consumed nothing, and a head may start
    // with bytes that do not yet make a line. Messages already in {@code out} came from bytes
    // consumed in this call, so the signal may queue behind them; with none, it goes at once.
    private static void signal(ChannelHandlerContext ctx, DecoderSignal signal, List<Object> out) {
        if (out.isEmpty()) {
            ctx.fireChannelRead(signal);
        } else {
            out.add(signal);
        }
    }

    // The longest line content, CRLF excluded. A field line counts with its CRLF against
    // limit_request_field_size, as Gunicorn counts it; the request line without, as Gunicorn does.
    private int maxLineLength() {
        return switch (state) {
            case REQUEST_LINE -> limits.requestLine();
            case CHUNK_SIZE -> MAX_CHUNK_LINE;
            default -> Math.max(0, limits.fieldSize() - CRLF_BYTES);
        };
    }

    private BadRequestException tooLong() {
        return switch (state) {
            case REQUEST_LINE -> new BadRequestException(HttpResponseStatus.REQUEST_URI_TOO_LONG, "request line");
            case CHUNK_SIZE -> bad("chunk size line too long");
            default -> new BadRequestException(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "field size");
        };
    }

    private void handleLine(ChannelHandlerContext ctx, ByteBuf in, int start, int end, List<Object> out)
            throws BadRequestException {
        switch (state) {
            case REQUEST_LINE -> {
                if (end > start) { // RFC 9112 §2.2: empty lines before a request are ignored
                    line = LineParser.requestLine(in, start, end);
                    headers = HEADERS.newHeaders();
                    fieldCount = 0;
                    state = State.HEADERS;
                }
            }
            case HEADERS -> {
                if (end == start) {
                    endOfHead(ctx, out);
                } else {
                    countField();
                    LineParser.headerLine(in, start, end, headers);
                }
            }
            case TRAILERS -> {
                if (end == start) {
                    HeadRules.checkTrailers(trailers);
                    finishRequest(out);
                } else {
                    countField();
                    LineParser.headerLine(in, start, end, trailers);
                }
            }
            default -> startChunk(ctx, LineParser.chunkSize(in, start, end));
        }
    }

    private void countField() throws BadRequestException {
        if (++fieldCount > limits.fields()) {
            throw new BadRequestException(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "too many fields");
        }
    }

    private void endOfHead(ChannelHandlerContext ctx, List<Object> out) throws BadRequestException {
        HeadRules.BodyFraming framing = HeadRules.bodyFraming(line.version(), headers, limits.body());
        fieldCount = 0;
        if (framing.length() == 0) {
            body = Unpooled.EMPTY_BUFFER;
            finishRequest(out);
            return;
        }
        if (framing.continueExpected()) {
            out.add(DecoderSignal.CONTINUE_EXPECTED);
        }
        if (framing.length() == HeadRules.CHUNKED) {
            body = ctx.alloc().heapBuffer();
            trailers = HEADERS.newHeaders();
            state = State.CHUNK_SIZE;
        } else {
            // Grown as bytes arrive, never sized by the client's claim alone.
            body = ctx.alloc().heapBuffer((int) Math.min(framing.length(), 8192));
            remaining = framing.length();
            state = State.FIXED_BODY;
        }
        deadline.arm(ctx, limits.bodyNanos());
    }

    private void startChunk(ChannelHandlerContext ctx, long size) throws BadRequestException {
        long limit = limits.body() > 0 ? limits.body() : HeadRules.MAX_BODY;
        if (size > limit - body.readableBytes()) {
            throw new BadRequestException(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "chunked body over the limit");
        }
        remaining = size;
        state = size == 0 ? State.TRAILERS : State.CHUNK_DATA;
        deadline.arm(ctx, limits.bodyNanos());
    }

    private void readBody(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int n = (int) Math.min(remaining, in.readableBytes());
        body.writeBytes(in, n);
        remaining -= n;
        deadline.arm(ctx, limits.bodyNanos());
        if (remaining == 0) {
            if (state == State.FIXED_BODY) {
                finishRequest(out);
            } else {
                state = State.CHUNK_END;
            }
        }
    }

    private boolean chunkEnd(ByteBuf in) throws BadRequestException {
        int r = in.readerIndex();
        if (in.getByte(r) != '\r' || in.readableBytes() > 1 && in.getByte(r + 1) != '\n') {
            throw bad("chunk data not followed by CRLF");
        }
        if (in.readableBytes() < 2) {
            return false;
        }
        in.skipBytes(2);
        state = State.CHUNK_SIZE;
        return true;
    }

    private void finishRequest(List<Object> out) {
        out.add(new DecodedRequest(line.method(), line.target(), line.version(), headers, body));
        body = null;
        trailers = null;
        state = State.REQUEST_LINE;
        headStarted = false;
        line = null;
        headers = null;
        deadline.disarm();
    }

    private void reject(Rejection rejection, List<Object> out) {
        state = State.REJECTED;
        releaseBody();
        deadline.disarm();
        out.add(rejection);
    }

    private void timedOut(ChannelHandlerContext ctx) {
        if (state == State.REQUEST_LINE || state == State.HEADERS) {
            state = State.REJECTED;
            ctx.fireChannelRead(Rejection.of(HttpResponseStatus.REQUEST_TIMEOUT, "header_timeout", headStarted, line));
            ctx.fireChannelReadComplete();
        } else if (state != State.REJECTED) {
            // A body that stopped flowing: no answer would be read, so just hang up.
            ctx.close();
        }
    }

    private void releaseBody() {
        if (body != null) {
            body.release();
            body = null;
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        deadline.cancel();
        releaseBody();
    }
}
