package dev.corral.master.systemd;

import java.io.FileDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The listening sockets systemd passes to a socket-activated service (sd_listen_fds(3)): when
 * {@code LISTEN_PID} is this process, descriptors 3 to 3 + {@code LISTEN_FDS} - 1, named by
 * {@code LISTEN_FDNAMES}. As Gunicorn does, the master then uses them instead of binding. Read
 * once, on the master's main thread, before anything else opens a descriptor that matters.
 */
public final class SocketActivation {
    /** The variables systemd sets for an activated process: its own, never a child's. */
    public static final List<String> VARIABLES = List.of("LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES");

    /** SD_LISTEN_FDS_START: the first passed descriptor. */
    static final int FIRST_FD = 3;

    /** One passed descriptor and its name ({@code FileDescriptorName=}, or systemd's default). */
    public record Passed(int fd, String name) {
    }

    private SocketActivation() {
    }

    /**
     * The descriptors passed to this process, none when it was not socket-activated; made
     * non-blocking, since every worker accepts on them from an event loop.
     *
     * @throws IllegalArgumentException the variables are set for this process but malformed
     */
    public static List<Passed> passed(Map<String, String> env, long pid) {
        String listenPid = env.get("LISTEN_PID");
        String listenFds = env.get("LISTEN_FDS");
        if (listenPid == null || listenFds == null || !listenPid.trim().equals(Long.toString(pid))) {
            return List.of();
        }
        int count;
        try {
            count = Integer.parseInt(listenFds.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("LISTEN_FDS: '" + listenFds + "' is not a number of descriptors");
        }
        if (count < 0 || count > 1024) {
            throw new IllegalArgumentException("LISTEN_FDS: '" + listenFds + "' is not a number of descriptors from 0 to 1024");
        }
        String[] names = env.getOrDefault("LISTEN_FDNAMES", "").split(":", -1);
        List<Passed> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int fd = FIRST_FD + i;
            nonBlocking(fd);
            out.add(new Passed(fd, i < names.length && !names[i].isEmpty() ? names[i] : "unknown"));
        }
        return out;
    }

    // O_NONBLOCK through the JDK's own fcntl wrapper: systemd passes blocking sockets, and an
    // accept that blocks would stall a worker's loop whenever another worker took the connection
    // first. The flag lives in the open file description, so the workers' copies have it too.
    private static void nonBlocking(int fd) {
        try {
            Constructor<FileDescriptor> make = FileDescriptor.class.getDeclaredConstructor(int.class);
            make.setAccessible(true);
            Method configure = Class.forName("sun.nio.ch.IOUtil")
                    .getDeclaredMethod("configureBlocking", FileDescriptor.class, boolean.class);
            configure.setAccessible(true);
            configure.invoke(null, make.newInstance(fd), false);
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cannot make the socket systemd passed as descriptor " + fd
                    + " non-blocking: " + cause, e);
        }
    }
}
