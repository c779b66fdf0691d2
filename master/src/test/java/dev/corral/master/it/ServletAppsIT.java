package dev.corral.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Servlet applications from samples/ (Jersey, Spring Boot, Spring MVC, a web.xml WAR) served
 * by a real master: what a user's client sees. Each app is booted once, with one worker.
 */
class ServletAppsIT {
    static final Path SAMPLES = Path.of(System.getProperty("corral.samples", Corral.HOME.resolve("samples").toString()))
            .toAbsolutePath().normalize();
    /** Spring and Jersey need more than the default worker heap and metaspace. */
    static final String ROOMY_WORKER = "-Xmx160m -XX:MaxMetaspaceSize=160m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k";

    @RegisterExtension
    final CorralProcesses corral = new CorralProcesses();

    @TempDir
    Path tmp;

    @Test
    void jerseyAsAJaxRsApplicationUnderItsApplicationPath() throws Exception {
        Client web = serve("/api/greetings", "--app", "com.example.jersey.JerseyApp",
                "--app-classpath", lib("jersey-app"), "--worker-jvm-options", ROOMY_WORKER);
        assertJersey(web, "/api");
    }

    @Test
    void jerseyAsItsServletContainerWithTheApplicationAsInitParameter() throws Exception {
        Client web = serve("/greetings", "--app", "org.glassfish.jersey.servlet.ServletContainer",
                "--servlet-init-param", "jakarta.ws.rs.Application=com.example.jersey.JerseyApp",
                "--app-classpath", lib("jersey-app"), "--worker-jvm-options", ROOMY_WORKER);
        assertJersey(web, "");
    }

    private static void assertJersey(Client web, String base) throws Exception {
        HttpResponse<String> get = web.get(base + "/greetings?name=Ada");
        assertEquals(200, get.statusCode(), get.body());
        assertContentType("application/json", get);
        assertEquals("Hello, Ada", JsonPath.from(get.body()).getString("greeting"));
        assertEquals("Hello, World", JsonPath.from(web.get(base + "/greetings").body()).getString("greeting"));

        HttpResponse<String> created = web.post(base + "/greetings", "application/json", "{\"name\":\"Grace\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("Hello, Grace", JsonPath.from(created.body()).getString("greeting"));
        String location = created.headers().firstValue("Location").orElse(null);
        assertNotNull(location, "201 has a Location");
        assertTrue(location.contains(base + "/greetings?name=Grace"), location);

        HttpResponse<String> nameless = web.post(base + "/greetings", "application/json", "{}");
        assertEquals(400, nameless.statusCode(), nameless.body());

        HttpResponse<String> form = web.post(base + "/greetings", "application/x-www-form-urlencoded", "name=Linus");
        assertEquals(200, form.statusCode(), form.body());
        assertContentType("text/plain", form);
        assertEquals("Hello, Linus (from a form)", form.body());

        HttpResponse<String> csv = web.post(base + "/greetings", "text/csv", "name\nAda\n");
        assertEquals(415, csv.statusCode(), csv.body());

        assertEquals(404, web.get(base + "/no-such-resource").statusCode());
        HttpResponse<String> pid = web.get(base + "/pid");
        assertEquals(200, pid.statusCode());
        assertTrue(pid.body().trim().matches("\\d+"), pid.body());
    }

    @Test
    void springBootAsAServletInitializer() throws Exception {
        Client web = serve("/hello", "--app", "com.example.boot.BootApp",
                "--app-classpath", lib("spring-boot-app"), "--worker-jvm-options", ROOMY_WORKER,
                "--http-protocols", "h2,h1", "--http2-cleartext", "prior-knowledge");
        // The same application over HTTP/2 (curl, prior knowledge), unchanged.
        if (Files.isExecutable(Path.of("/usr/bin/curl"))) {
            String h2 = Commands.run(null, "curl", "-s", "--http2-prior-knowledge", "-w", " %{http_version}",
                    "-H", "Content-Type: application/json", "-d", "{\"name\":\"Lin\"}",
                    web.uri("/greetings").toString());
            assertTrue(h2.endsWith(" 2") && h2.contains("Hello, Lin"), h2);
        }

        HttpResponse<String> hello = web.get("/hello?name=Ada");
        assertEquals(200, hello.statusCode(), hello.body());
        assertContentType("application/json", hello);
        assertEquals("Hello, Ada", JsonPath.from(hello.body()).getString("greeting"));

        HttpResponse<String> created = web.post("/greetings", "application/json", "{\"name\":\"Grace\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("Hello, Grace", JsonPath.from(created.body()).getString("greeting"));
        assertTrue(created.headers().firstValue("Location").orElse("").endsWith("/hello?name=Grace"),
                created.headers().map().toString());

        HttpResponse<String> blank = web.post("/greetings", "application/json", "{\"name\":\"  \"}");
        assertEquals(400, blank.statusCode(), blank.body());
        assertContentType("application/json", blank);
        assertEquals(400, JsonPath.from(blank.body()).getInt("status"), blank.body());
        assertEquals("/greetings", JsonPath.from(blank.body()).getString("path"), blank.body());
        assertEquals(400, web.post("/greetings", "application/json", "not json").statusCode());

        HttpResponse<String> redirect = web.get("/redirect");
        assertEquals(302, redirect.statusCode(), redirect.body());
        String location = redirect.headers().firstValue("Location").orElseThrow();
        URI target = web.uri("/redirect").resolve(location);
        assertEquals("/hello", target.getPath(), location);
        assertEquals(200, web.get(target.getPath()).statusCode(), "the redirect's target answers");

        HttpResponse<String> cookie = web.get("/cookie?value=it-visitor-7");
        assertEquals(200, cookie.statusCode(), cookie.body());
        String setCookie = cookie.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.startsWith("visitor=it-visitor-7;"), setCookie);
        assertTrue(setCookie.contains("Path=/") && setCookie.contains("HttpOnly"), setCookie);
        HttpResponse<String> whoami = web.send(web.request("/whoami").header("Cookie", "visitor=it-visitor-7").GET());
        assertEquals("it-visitor-7", JsonPath.from(whoami.body()).getString("visitor"), whoami.body());
        assertEquals("anonymous", JsonPath.from(web.get("/whoami").body()).getString("visitor"));

        byte[] file = new byte[5 * 1024 * 1024];
        new Random(42).nextBytes(file);
        HttpResponse<String> upload = web.postMultipart("/upload", "file", "random.bin", file);
        assertEquals(200, upload.statusCode(), upload.body());
        JsonPath uploaded = JsonPath.from(upload.body());
        assertEquals("random.bin", uploaded.getString("name"));
        assertEquals(file.length, uploaded.getLong("size"));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file)),
                uploaded.getString("sha256"));

        HttpResponse<String> boom = web.get("/boom");
        assertEquals(500, boom.statusCode(), boom.body());
        assertContentType("application/json", boom);
        assertEquals("boom", JsonPath.from(boom.body()).getString("message"), boom.body());
        assertEquals(500, JsonPath.from(boom.body()).getInt("status"), boom.body());

        HttpResponse<String> missing = web.get("/no-such-page");
        assertEquals(404, missing.statusCode(), missing.body());
        assertContentType("application/json", missing);
        assertEquals(404, JsonPath.from(missing.body()).getInt("status"), missing.body());
        assertEquals("/no-such-page", JsonPath.from(missing.body()).getString("path"), missing.body());
    }

    @Test
    void springMvcWithoutBoot() throws Exception {
        Client web = serve("/hello", "--app", "com.example.mvc.MvcInitializer",
                "--app-classpath", lib("spring-mvc-app"), "--worker-jvm-options", ROOMY_WORKER);
        HttpResponse<String> hello = web.get("/hello?name=Ada");
        assertEquals(200, hello.statusCode(), hello.body());
        assertContentType("application/json", hello);
        assertEquals("Hello, Ada", JsonPath.from(hello.body()).getString("greeting"));

        HttpResponse<String> created = web.post("/greetings", "application/json", "{\"name\":\"Grace\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("Hello, Grace", JsonPath.from(created.body()).getString("greeting"));
        assertEquals(415, web.post("/greetings", "text/plain", "Grace").statusCode());
        assertEquals(404, web.get("/no-such-page").statusCode());
    }

    @Test
    void aWebXmlWarExploded() throws Exception {
        Path exploded = SAMPLES.resolve("webxml-app/target/webxml-app");
        assertTrue(Files.isRegularFile(exploded.resolve("WEB-INF/web.xml")), "built: " + exploded);
        assertWebXmlApp(serve("/hello", "--app-classpath", exploded.toString()));
    }

    @Test
    void aWebXmlWarPackedIsUnpackedOnceAndServed() throws Exception {
        // A copy at a path of this test's own: the folder it is unpacked to is then this test's.
        Path war = tmp.resolve("webxml-app.war");
        Files.copy(SAMPLES.resolve("webxml-app/target/webxml-app.war"), war);
        Path unpackedInto = Path.of(System.getProperty("java.io.tmpdir"), "corral-" + System.getProperty("user.name"));
        Set<Path> before = unpackedWars(unpackedInto);
        try {
            assertWebXmlApp(serve("/hello", "--app-classpath", war.toString(), "-w", "2"));
            Set<Path> created = unpackedWars(unpackedInto);
            created.removeAll(before);
            assertEquals(1, created.size(), "one folder for the master and both workers, in " + unpackedInto + ": " + created);
        } finally {
            corral.afterEach(null); // the master and its workers first: they serve from that folder
            Set<Path> created = unpackedWars(unpackedInto);
            created.removeAll(before);
            for (Path dir : created) {
                deleteTree(dir);
            }
        }
    }

    private static Set<Path> unpackedWars(Path base) throws IOException {
        if (!Files.isDirectory(base)) {
            return new java.util.HashSet<>();
        }
        try (Stream<Path> dirs = Files.list(base)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("webxml-app.war-"))
                    .collect(Collectors.toCollection(java.util.HashSet::new));
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void assertWebXmlApp(Client web) throws Exception {
        HttpResponse<String> index = web.get("/");
        assertEquals(200, index.statusCode(), index.body());
        assertContentType("text/html", index);
        assertTrue(index.body().contains("<h1>webxml-app</h1>"), "the welcome file index.html: " + index.body());
        assertEquals("yes", index.headers().firstValue("X-Filtered").orElse(null), "the filter ran");

        HttpResponse<String> hello = web.get("/hello");
        assertEquals(200, hello.statusCode(), hello.body());
        assertEquals("yes", hello.headers().firstValue("X-Filtered").orElse(null));
        List<String> lines = hello.body().lines().toList();
        assertTrue(lines.contains("greeting=Hello from web.xml"), "init-param: " + lines);
        assertTrue(lines.contains("environment=sample"), "context-param: " + lines);
        assertTrue(lines.contains("startedBy=StartupListener"), "the listener ran first: " + lines);

        HttpResponse<String> action = web.get("/report.do");
        assertEquals(200, action.statusCode(), action.body());
        assertTrue(action.body().lines().toList().contains("action=report"), action.body());

        HttpResponse<String> fail = web.get("/fail");
        assertEquals(500, fail.statusCode(), fail.body());
        assertEquals("yes", fail.headers().firstValue("X-Filtered").orElse(null), "the filter runs on the error dispatch");
        List<String> error = fail.body().lines().toList();
        assertTrue(error.contains("status=500"), "the error page /error-handler answered: " + error);
        assertTrue(error.contains("exception=java.lang.IllegalStateException: failed on purpose"), error.toString());

        HttpResponse<String> missing = web.get("/no-such-page");
        assertEquals(404, missing.statusCode(), missing.body());
        assertTrue(missing.body().contains("webxml-app has no such page."), "notfound.html: " + missing.body());
        assertEquals("yes", missing.headers().firstValue("X-Filtered").orElse(null));
    }

    private Client serve(String readyPath, String... appArgs) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("-b", "127.0.0.1:0"));
        if (!List.of(appArgs).contains("-w")) {
            args.addAll(List.of("-w", "1"));
        }
        args.addAll(List.of(appArgs));
        Corral c = corral.start(args.toArray(String[]::new));
        Client web = new Client(c.port());
        web.awaitOk(readyPath, c);
        return web;
    }

    static String lib(String sample) {
        Path lib = SAMPLES.resolve(sample + "/target/app/lib");
        assertTrue(Files.isDirectory(lib), "the sample is built (mvn -pl master -am): " + lib);
        return lib + "/*";
    }

    private static void assertContentType(String expected, HttpResponse<String> r) {
        String type = r.headers().firstValue("Content-Type").orElse("");
        assertTrue(type.startsWith(expected), "Content-Type " + expected + ", was '" + type + "'");
    }

    /** java.net.http on HTTP/1.1 (no h2c upgrade), no redirects followed, one keep-alive pool. */
    static final class Client {
        private final int port;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

        Client(int port) {
            this.port = port;
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
        }

        HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return send(request(path).GET());
        }

        HttpResponse<String> post(String path, String contentType, String body) throws IOException, InterruptedException {
            return send(request(path).header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
        }

        /** A multipart/form-data POST of one file part, its body written out by hand. */
        HttpResponse<String> postMultipart(String path, String part, String filename, byte[] content)
                throws IOException, InterruptedException {
            String boundary = "corral-it-" + Long.toHexString(System.nanoTime());
            ByteArrayOutputStream body = new ByteArrayOutputStream(content.length + 512);
            body.writeBytes(("--" + boundary + "\r\n"
                    + "Content-Disposition: form-data; name=\"" + part + "\"; filename=\"" + filename + "\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(content);
            body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
            return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        }

        /** Waits until {@code GET path} answers 200: the worker has booted the application. */
        void awaitOk(String path, Corral c) {
            int[] last = {0};
            Corral.await(() -> {
                try {
                    last[0] = get(path).statusCode();
                } catch (IOException e) {
                    last[0] = -1;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted");
                }
                if (!c.process().isAlive()) {
                    throw new AssertionError("the master exited:\n" + c.outputText());
                }
                return last[0] == 200;
            }, Duration.ofSeconds(60), () -> "GET " + path + " never answered 200 (last " + last[0] + "); output:\n"
                    + c.outputText());
        }
    }
}
