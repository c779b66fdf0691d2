import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;

/**
 * The floor for scripts/bench: the least a Netty server on this JVM can do per request. One
 * event loop on native epoll, SO_REUSEPORT so that two of these processes share the port as
 * Corral's workers do, and no HTTP parsing at all: it counts the blank lines that end request
 * heads and writes a constant answer for each, closing after it when the head said "close".
 * No validation, no application, no hand-off, no timers. Only for wrk on 127.0.0.1.
 *
 * Run with the source launcher:  java -cp 'LIB/*' BareNetty.java PORT
 */
public final class BareNetty {
    private static final byte[] KEEP = answer("keep-alive");
    private static final byte[] CLOSE = answer("close");

    private static byte[] answer(String connection) {
        return ("HTTP/1.1 200 OK\r\nServer: bare-netty\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n"
                + "Connection: " + connection + "\r\n\r\nHello, World!").getBytes(StandardCharsets.US_ASCII);
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        var group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        new ServerBootstrap().group(group)
                .channel(EpollServerSocketChannel.class)
                .option(EpollChannelOption.SO_REUSEPORT, true)
                .option(ChannelOption.SO_BACKLOG, 2048)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new Answerer());
                    }
                })
                .bind("127.0.0.1", port).sync().channel().closeFuture().sync();
    }

    /** Finds the ends of request heads, and whether a head asked to close, one byte at a time. */
    private static final class Answerer extends ChannelInboundHandlerAdapter implements ByteProcessor {
        private static final byte[] CLOSE_TOKEN = "close\r".getBytes(StandardCharsets.US_ASCII);
        private int newlines;
        private int closeMatched;
        private boolean closeAsked;
        private int heads;

        @Override
        public boolean process(byte b) {
            closeMatched = (b == CLOSE_TOKEN[closeMatched] || b == (CLOSE_TOKEN[closeMatched] ^ 0x20))
                    ? closeMatched + 1 : (b == 'c' || b == 'C' ? 1 : 0);
            if (closeMatched == CLOSE_TOKEN.length) {
                closeAsked = true;
                closeMatched = 0;
            }
            if (b == '\n') {
                if (++newlines == 2) {
                    heads++;
                    newlines = 0;
                }
            } else if (b != '\r') {
                newlines = 0;
            }
            return true;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            in.forEachByte(this);
            in.release();
            if (heads == 0) {
                return;
            }
            if (closeAsked) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(CLOSE)).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            for (; heads > 0; heads--) {
                ctx.write(Unpooled.wrappedBuffer(KEEP));
            }
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
