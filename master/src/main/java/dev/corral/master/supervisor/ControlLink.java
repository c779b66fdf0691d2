package dev.corral.master.supervisor;

import dev.corral.master.control.WorkerLink;
import io.netty.channel.unix.FileDescriptor;
import java.util.List;

/**
 * The master's end of a worker's control connection, as the supervision loop uses it: the real
 * one is a {@link WorkerLink}, the tests' a fake that records the lines. Used from the loop.
 */
public interface ControlLink {
    /** Sends one line. */
    void send(String line);

    /** Sends the descriptors over SCM_RIGHTS. */
    void sendDescriptors(List<? extends FileDescriptor> fds);

    void close();

    static ControlLink of(WorkerLink link) {
        return new ControlLink() {
            @Override
            public void send(String line) {
                link.send(line);
            }

            @Override
            public void sendDescriptors(List<? extends FileDescriptor> fds) {
                link.sendDescriptors(fds);
            }

            @Override
            public void close() {
                link.close();
            }
        };
    }
}
