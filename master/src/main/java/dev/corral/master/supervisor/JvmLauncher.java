package dev.corral.master.supervisor;

import dev.corral.master.account.WorkerAccount;
import dev.corral.master.log.Logging;
import dev.corral.master.settings.Registry;
import dev.corral.master.settings.Settings;
import dev.corral.master.systemd.Notifier;
import dev.corral.master.systemd.SocketActivation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Starts worker JVMs: the same {@code java} and class path as the master, the worker's JVM
 * options, and the path of the control socket where it collects everything else. Called from the
 * supervision loop; the exits are reported from the JDK's process reaper thread.
 */
final class JvmLauncher implements WorkerLauncher {
    static final String WORKER_MAIN = "dev.corral.worker.WorkerMain";

    private final Path controlSocket;
    private final WorkerAccount account;
    private final Consumer<Event> events;
    private final String java = ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());

    JvmLauncher(Path controlSocket, WorkerAccount account, Consumer<Event> events) {
        this.controlSocket = controlSocket;
        this.account = account;
        this.events = events;
    }

    @Override
    public WorkerProcess launch(Settings settings) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(settings));
        if (settings.get(Registry.CHDIR) != null) {
            builder.directory(settings.get(Registry.CHDIR).toFile());
        }
        // systemd's variables are the master's: a worker is neither activated nor notifying.
        SocketActivation.VARIABLES.forEach(builder.environment()::remove);
        builder.environment().remove(Notifier.VARIABLE);
        Process p = builder
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        p.onExit().thenAccept(done -> events.accept(new Event.WorkerExited(done.pid(), done.exitValue())));
        return new Jvm(p);
    }

    List<String> command(Settings settings) {
        // setpriv execs java: the worker's pid is the one started here.
        List<String> cmd = new ArrayList<>(account.commandPrefix());
        cmd.add(java);
        cmd.addAll(settings.get(Registry.WORKER_JVM_OPTIONS));
        // An OutOfMemoryError must cost this worker, never leave it limping.
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        String archive = System.getProperty("corral.workerClassArchive");
        if (archive != null && new java.io.File(archive).isFile()) {
            // The workers' class archive made at package time: a worker boots in about half the
            // time, so a crashed worker is replaced sooner.
            cmd.add("-XX:SharedArchiveFile=" + archive);
            cmd.add("-Xlog:cds=off");
        }
        String nativeLibraries = System.getProperty("corral.nativeLibraryPath");
        if (nativeLibraries != null) {
            // Netty's epoll library, unpacked at package time: no worker copies it at boot.
            cmd.add("-Djava.library.path=" + nativeLibraries);
        }
        Logging.properties(settings.get(Registry.LOGLEVEL)).forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(WORKER_MAIN);
        cmd.add(controlSocket.toString());
        return cmd;
    }

    private record Jvm(Process process) implements WorkerProcess {
        @Override
        public long pid() {
            return process.pid();
        }

        @Override
        public void terminate() {
            process.destroy();
        }

        @Override
        public void kill() {
            process.destroyForcibly();
        }
    }
}
