package dev.corral.worker.http.parse;

import static dev.corral.worker.http.parse.BadRequestException.bad;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;

/**
 * Turns the bytes of one connection into {@code HttpRequest}, {@code HttpContent} and
 * {@code LastHttpContent}, accepting only what RFC 9112 allows; anything else becomes a single
 * {@link Rejection}, after which the rest of the connection's input is discarded. Netty's own
 * decoder is lenient (it reports failures on the message it produced), and a lenient parser
 * in front of a strict one is how request smuggling happens, so this one stands alone.
 */
public final class StrictRequestDecoder extends ByteToMessageDecoder {
    private static final int MAX_CHUNK_LINE = 4096;
    private static final DefaultHttpHeadersFactory HEADERS =
            DefaultHttpHeadersFactory.headersFactory().withValidation(false);
    private static final DefaultHttpHeadersFactory TRAILER_FIELDS =
            DefaultHttpHeadersFactory.trailersFactory().withValidation(false);

    private enum State { REQUEST_LINE, HEADERS, FIXED_BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, REJECTED }

    private final RequestLimits limits;
    private final RequestDeadline deadline;
    private State state = State.REQUEST_LINE;
    private LineParser.RequestLine line;
    private HttpHeaders headers;
    private int fieldCount;
    private long remaining;
    private long bodyTotal;
    private boolean headStarted;
    private long lastReadNanos = System.nanoTime();

    public StrictRequestDecoder(RequestLimits limits) {
        this.limits = limits;
        this.deadline = new RequestDeadline(this::timedOut);
    }

    /** Nanoseconds since bytes last arrived on this connection. Event loop only. */
    public long nanosSinceLastRead() {
        return System.nanoTime() - lastReadNanos;
    }

    /** Whether the connection is between requests, no byte of the next one received. */
    public boolean betweenRequests() {
        return state == State.REQUEST_LINE && !headStarted || state == State.REJECTED;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // Counting from the connection's start too: a client that connects and says nothing.
        deadline.arm(ctx, limits.headerNanos());
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        lastReadNanos = System.nanoTime();
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
        }
        int start = in.readerIndex();
        int max = maxLineLength();
        int lf = in.indexOf(start, Math.min(in.writerIndex(), start + max + 2), (byte) '\n');
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

    private int maxLineLength() {
        return switch (state) {
            case REQUEST_LINE -> limits.requestLine();
            case CHUNK_SIZE -> MAX_CHUNK_LINE;
            default -> limits.fieldSize();
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
            case HEADERS, TRAILERS -> {
                if (end == start) {
                    endOfSection(ctx, out);
                } else {
                    countField();
                    LineParser.headerLine(in, start, end, state == State.HEADERS ? headers : scratch());
                }
            }
            default -> startChunk(ctx, LineParser.chunkSize(in, start, end), out);
        }
    }

    private static HttpHeaders scratch() {
        // Trailer fields are checked but not kept: nothing downstream reads them.
        return TRAILER_FIELDS.newHeaders();
    }

    private void countField() throws BadRequestException {
        if (++fieldCount > limits.fields()) {
            throw new BadRequestException(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "too many fields");
        }
    }

    private void endOfSection(ChannelHandlerContext ctx, List<Object> out) throws BadRequestException {
        if (state == State.TRAILERS) {
            finishRequest(ctx, LastHttpContent.EMPTY_LAST_CONTENT, out);
            return;
        }
        long length = HeadRules.bodyLength(line.version(), headers, limits.body());
        if (length == 0) {
            // Most requests have no body: hand over a complete request, which the aggregator
            // lets through untouched instead of building a composite buffer for nothing.
            out.add(new DefaultFullHttpRequest(line.version(), HttpMethod.valueOf(line.method()), line.target(),
                    Unpooled.EMPTY_BUFFER, headers, EmptyHttpHeaders.INSTANCE));
            fieldCount = 0;
            resetForNextRequest();
            return;
        }
        out.add(new DefaultHttpRequest(line.version(), HttpMethod.valueOf(line.method()), line.target(), headers));
        bodyTotal = 0;
        fieldCount = 0;
        if (length == HeadRules.CHUNKED) {
            state = State.CHUNK_SIZE;
            deadline.arm(ctx, limits.bodyNanos());
        } else if (length > 0) {
            remaining = length;
            state = State.FIXED_BODY;
            deadline.arm(ctx, limits.bodyNanos());
        } else {
            finishRequest(ctx, LastHttpContent.EMPTY_LAST_CONTENT, out);
        }
    }

    private void startChunk(ChannelHandlerContext ctx, long size, List<Object> out) throws BadRequestException {
        bodyTotal += size;
        if (limits.body() > 0 && bodyTotal > limits.body()) {
            throw new BadRequestException(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "chunked body over the limit");
        }
        remaining = size;
        state = size == 0 ? State.TRAILERS : State.CHUNK_DATA;
        deadline.arm(ctx, limits.bodyNanos());
    }

    private void readBody(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int n = (int) Math.min(remaining, in.readableBytes());
        ByteBuf data = in.readRetainedSlice(n);
        remaining -= n;
        deadline.arm(ctx, limits.bodyNanos());
        if (remaining > 0) {
            out.add(new DefaultHttpContent(data));
        } else if (state == State.FIXED_BODY) {
            finishRequest(ctx, new DefaultLastHttpContent(data), out);
        } else {
            out.add(new DefaultHttpContent(data));
            state = State.CHUNK_END;
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

    private void finishRequest(ChannelHandlerContext ctx, LastHttpContent last, List<Object> out) {
        out.add(last);
        resetForNextRequest();
    }

    private void resetForNextRequest() {
        state = State.REQUEST_LINE;
        headStarted = false;
        line = null;
        headers = null;
        deadline.disarm();
    }

    private void reject(Rejection rejection, List<Object> out) {
        state = State.REJECTED;
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

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        deadline.cancel();
    }
}
