package dev.corral.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A user's application jar, named by app and app_classpath, is what the workers serve. */
class AppIT {
    @RegisterExtension
    final CorralProcesses corral = new CorralProcesses();

    @TempDir
    Path tmp;

    @Test
    void servesTheApplicationFromItsJar() throws Exception {
        Path jar = AppJar.build(tmp, "com.example.Greeter", """
                package com.example;
                import dev.corral.worker.app.*;
                public class Greeter implements Handler {
                    public Response handle(Request r) {
                        return Response.text("greetings from " + r.path() + " v1").withHeader("X-App", "greeter");
                    }
                }
                """);
        Path config = tmp.resolve("app.properties");
        Files.writeString(config, "app = com.example.Greeter\napp_classpath = " + jar + "\nworkers = 2\n");
        Corral c = corral.start("-c", config.toString(), "-b", "127.0.0.1:0");
        int port = c.port();
        c.awaitWorkerCount(2, Duration.ofSeconds(20));
        Corral.await(() -> ServeIT.get(port, "/hi").status() == 200, Duration.ofSeconds(20), () -> "app never answered");
        Http.Reply r = Http.get(port, "/hi");
        assertEquals("greetings from /hi v1", r.body());
        assertEquals("greeter", r.header("X-App"));
    }

    @Test
    void theApplicationSeesOnlyCorralsAppApiAndBringsItsOwnLibraries() throws Exception {
        Path jar = AppJar.build(tmp, "com.example.Peek", """
                package com.example;
                import dev.corral.worker.app.*;
                public class Peek implements Handler {
                    private final boolean constructedInItsOwnContext =
                            Thread.currentThread().getContextClassLoader() == getClass().getClassLoader();

                    public Response handle(Request r) {
                        String name = r.queryParameter("class");
                        if (name.equals("constructor")) {
                            return Response.text(constructedInItsOwnContext ? "own" : "corral's");
                        }
                        try {
                            Class<?> c = Class.forName(name);
                            boolean own = c.getClassLoader() == getClass().getClassLoader();
                            boolean context = Thread.currentThread().getContextClassLoader() == getClass().getClassLoader();
                            return Response.text((own ? "own" : "shared") + (context ? "" : " (not the context loader)"));
                        } catch (ClassNotFoundException e) {
                            return Response.text("hidden");
                        }
                    }
                }
                """);
        // The application brings its own slf4j-api (a copy of the one in Corral's lib).
        Path slf4j;
        try (var lib = Files.list(Corral.HOME.resolve("master/target/corral/lib"))) {
            slf4j = lib.filter(p -> p.getFileName().toString().startsWith("slf4j-api")).findFirst().orElseThrow();
        }
        Corral c = corral.start("-c", "config/demo.properties", "-b", "127.0.0.1:0", "-w", "1", "--app", "com.example.Peek",
                "--app-classpath", jar + ":" + slf4j);
        int port = c.port();
        Corral.await(() -> ServeIT.get(port, "/?class=java.lang.String").status() == 200, Duration.ofSeconds(20),
                () -> "app never answered");
        assertEquals("shared", Http.get(port, "/?class=dev.corral.worker.app.Response").body());
        assertEquals("hidden", Http.get(port, "/?class=io.netty.channel.Channel").body());
        assertEquals("hidden", Http.get(port, "/?class=org.slf4j.simple.SimpleLogger").body());
        assertEquals("hidden", Http.get(port, "/?class=dev.corral.worker.http.HttpServer").body());
        assertEquals("own", Http.get(port, "/?class=org.slf4j.LoggerFactory").body());
        assertEquals("own", Http.get(port, "/?class=com.example.Peek").body());
        assertEquals("own", Http.get(port, "/?class=constructor").body(), "the context loader while it was created");
    }

    /** Compiles one source file against the worker's API and packs it into a jar. */
    static final class AppJar {
        static Path build(Path dir, String className, String source) throws IOException {
            Path src = dir.resolve("src");
            Path classes = dir.resolve("classes-" + System.nanoTime());
            Path file = src.resolve(className.replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.createDirectories(classes);
            Files.writeString(file, source);
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
            int rc = javac.run(null, errors, errors, "-d", classes.toString(), "-cp", distributionClassPath(),
                    file.toString());
            if (rc != 0) {
                throw new IOException("javac failed for " + className + ": " + errors);
            }
            Path jar = dir.resolve(className.substring(className.lastIndexOf('.') + 1) + "-" + System.nanoTime() + ".jar");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                 var walk = Files.walk(classes)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                    Files.copy(p, (OutputStream) out);
                    out.closeEntry();
                }
            }
            return jar;
        }

        // The jars a user builds against: the distribution's lib folder.
        private static String distributionClassPath() throws IOException {
            try (var jars = Files.list(Corral.HOME.resolve("master/target/corral/lib"))) {
                return String.join(java.io.File.pathSeparator, jars.map(Path::toString).toList());
            }
        }

        private AppJar() {
        }
    }

}
