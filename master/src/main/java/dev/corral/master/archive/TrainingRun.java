package dev.corral.master.archive;

import dev.corral.master.settings.Registry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Run once at package time: starts a real master with one worker on an ephemeral port, sends
 * it a few requests, stops it with TERM, and leaves behind the lists of classes each of the two
 * JVMs loaded ({@code master.lst}, {@code worker.lst}). From them the package step dumps one
 * class archive per role. A JVM maps and touches its whole archive, so an archive of exactly
 * the classes a role loads costs each process less memory than the JDK's archive plus one
 * shared by both roles, and a worker that boots in a fraction of the time is a crashed worker
 * replaced sooner.
 */
public final class TrainingRun {
    private static final Pattern LISTENING = Pattern.compile("Listening at: http://127\\.0\\.0\\.1:(\\d+)");
    private static final String REQUESTS = "GET / HTTP/1.1\r\nHost: t\r\n\r\n"
            + "GET /sentiment?text=not+bad,+I+loved+it HTTP/1.1\r\nHost: t\r\n\r\n"
            + "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
            + "GET /pid HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";

    private TrainingRun() {
    }

    /** {@code args[0]}: the directory the class lists are written to. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]).toAbsolutePath();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process master = new ProcessBuilder(List.of(java, "-XX:DumpLoadedClassList=" + dir.resolve("master.lst"),
                "-Dio.netty.jfr.enabled=false", "-cp", System.getProperty("java.class.path"),
                "dev.corral.master.Main", "-b", "127.0.0.1:0", "-w", "1", "--worker-jvm-options",
                Registry.DEFAULT_WORKER_JVM_OPTIONS + " -XX:DumpLoadedClassList=" + dir.resolve("worker.lst")))
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        try {
            int port = portOf(master.getInputStream()).get(20, TimeUnit.SECONDS);
            exercise(port);
        } finally {
            master.destroy(); // TERM: the worker's and the master's lists are written as they exit
            if (!master.waitFor(20, TimeUnit.SECONDS)) {
                master.destroyForcibly();
                throw new IllegalStateException("The training master did not stop");
            }
        }
    }

    // Reads the master's log for its port, then keeps draining it so the master never blocks.
    private static CompletableFuture<Integer> portOf(InputStream log) {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(log, StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    } else if (line.contains("ERROR")) {
                        System.err.println(line);
                    }
                }
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new IllegalStateException("The training master exited before listening"));
        }, "training-log");
        reader.setDaemon(true);
        reader.start();
        return port;
    }

    // Until the worker answers: the same requests the first time it does, and then a few more.
    private static void exercise(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int answered = 0;
        while (answered < 20) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                OutputStream out = s.getOutputStream();
                out.write(REQUESTS.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (s.getInputStream().readAllBytes().length > 0) {
                    answered++;
                }
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(20);
            }
        }
    }
}
