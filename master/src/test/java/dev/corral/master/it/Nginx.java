package dev.corral.master.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx in front of Corral, as a child of the test: its config, pid, logs and temp files
 * live in one folder of the test's, it listens on a free loopback port, and closing it ends it
 * by its pid.
 */
final class Nginx implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/nginx");

    private final Process process;
    private final int port;
    private final Path dir;

    private Nginx(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Starts nginx proxying every request to {@code upstream}, e.g. {@code http://unix:/run/c.sock:}. */
    static Nginx proxyingTo(String upstream, Path dir) throws IOException {
        int port = freePort();
        String temp = dir.resolve("temp").toString();
        Files.createDirectories(dir.resolve("temp"));
        Files.writeString(dir.resolve("nginx.conf"), preamble(dir, 64) + """
                    server {
                        listen 127.0.0.1:%3$d;
                        location / {
                            proxy_pass %4$s;
                            proxy_set_header Host $host;
                            proxy_set_header X-Forwarded-For $remote_addr;
                            proxy_set_header X-Forwarded-Proto $scheme;
                        }
                    }
                }
                """.formatted(dir, temp, port, upstream));
        // -e: the error log nginx opens before it has read its config (Debian's is /var/log/nginx).
        Process p = new ProcessBuilder(BINARY.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                "-e", dir.resolve("error.log").toString(), "-g", "daemon off; master_process off;")
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        return new Nginx(p, port, dir);
    }

    /**
     * The start of an nginx.conf whose pid, logs and temporary files all live in {@code dir}
     * (temporary files in dir/temp, which must exist), up to the open {@code http} block.
     */
    static String preamble(Path dir, int connections) {
        return """
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events { worker_connections %2$d; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/temp/body;
                    proxy_temp_path %1$s/temp/proxy;
                    fastcgi_temp_path %1$s/temp/fastcgi;
                    uwsgi_temp_path %1$s/temp/uwsgi;
                    scgi_temp_path %1$s/temp/scgi;
                """.formatted(dir, connections);
    }

    // Free when asked; nginx binds it a moment later, and a clash shows in its log.
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** What nginx said, for a failing assertion. */
    String log() {
        StringBuilder out = new StringBuilder();
        for (String name : new String[] {"nginx.out", "error.log"}) {
            try {
                out.append(Files.readString(dir.resolve(name)));
            } catch (IOException missing) {
                // Nothing written yet.
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        // TERM is nginx's quick stop; KILL if it lingers.
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
