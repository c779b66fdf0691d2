package dev.corral.master.control;

import io.netty.channel.Channel;
import io.netty.channel.unix.FileDescriptor;
import java.util.List;

/** The master's end of one control connection; safe to use from the supervision loop. */
public final class WorkerLink {
    private final Channel channel;

    WorkerLink(Channel channel) {
        this.channel = channel;
    }

    /** Sends one line. */
    public void send(String line) {
        channel.writeAndFlush(line + "\n");
    }

    /** Sends the descriptors over SCM_RIGHTS, each as its own message. */
    public void sendDescriptors(List<? extends FileDescriptor> fds) {
        for (FileDescriptor fd : fds) {
            // A fresh wrapper: the channel must never own (or close) the master's socket.
            channel.write(new FileDescriptor(fd.intValue()));
        }
        channel.flush();
    }

    /** Sends a last line and closes the connection. */
    public void sendAndClose(String text) {
        channel.writeAndFlush(text).addListener(f -> channel.close());
    }

    /** Closes the connection. */
    public void close() {
        channel.close();
    }
}
