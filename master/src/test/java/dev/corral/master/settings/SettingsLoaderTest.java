package dev.corral.master.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {
    @TempDir
    Path tmp;

    private static Settings load(String... args) throws SettingsException {
        return SettingsLoader.load(List.of(args), Map.of());
    }

    private Path file(String text) throws Exception {
        Path f = tmp.resolve("c" + System.nanoTime() + ".properties");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void defaultsAreGunicorns() throws Exception {
        Settings s = load();
        assertEquals(List.of(new BindAddress.Tcp("127.0.0.1", 8000)), s.get(Registry.BIND));
        assertEquals(Runtime.getRuntime().availableProcessors(), s.get(Registry.WORKERS));
        assertEquals(1, s.get(Registry.THREADS));
        assertEquals(2048, s.get(Registry.BACKLOG));
        assertEquals(30, s.get(Registry.TIMEOUT));
        assertEquals(30, s.get(Registry.GRACEFUL_TIMEOUT));
        assertEquals(2, s.get(Registry.KEEPALIVE));
        assertEquals(0, s.get(Registry.MAX_REQUESTS));
        assertNull(s.get(Registry.APP));
        assertEquals(List.of(), s.get(Registry.APP_CLASSPATH));
        assertNull(s.get(Registry.PIDFILE));
        assertEquals("info", s.get(Registry.LOGLEVEL));
        assertFalse(s.get(Registry.DEMO_CRASH));
    }

    @Test
    void fileThenEnvironmentThenCommandLine() throws Exception {
        Path f = file("# comment\n\nworkers = 2\nthreads = 3\ntimeout = 9\ngraceful-timeout = 11\n");
        Settings s = SettingsLoader.load(List.of("-c", f.toString(), "--threads=5"),
                Map.of("CORRAL_TIMEOUT", "7", "CORRAL_THREADS", "4"));
        assertEquals(2, s.get(Registry.WORKERS), "from the file");
        assertEquals(7, s.get(Registry.TIMEOUT), "the environment beats the file");
        assertEquals(5, s.get(Registry.THREADS), "the command line beats both");
        assertEquals(11, s.get(Registry.GRACEFUL_TIMEOUT), "dashes stand for underscores");
    }

    @Test
    void aMisspeltEnvironmentVariableIsAnErrorTheLaunchersOwnAreNot() throws Exception {
        SettingsException e = assertThrows(SettingsException.class,
                () -> SettingsLoader.load(List.of(), Map.of("CORRAL_WORKRES", "3")));
        assertTrue(e.getMessage().contains("CORRAL_WORKRES") && e.getMessage().contains("did you mean 'workers'"),
                e.getMessage());
        Settings s = SettingsLoader.load(List.of(), Map.of("CORRAL_SKIP_BUILD", "1",
                "CORRAL_MASTER_JVM_OPTIONS", "-Xmx32m", "PATH", "/usr/bin"));
        assertEquals(1, s.get(Registry.THREADS));
    }

    @Test
    void configFileFromTheEnvironment() throws Exception {
        Path f = file("workers = 6\n");
        Settings s = SettingsLoader.load(List.of(), Map.of("CORRAL_CONFIG", f.toString()));
        assertEquals(6, s.get(Registry.WORKERS));
    }

    @Test
    void bindForms() throws Exception {
        assertEquals(List.of(new BindAddress.Tcp("::1", 9000)), load("-b", "[::1]:9000").get(Registry.BIND));
        assertEquals(List.of(new BindAddress.Unix(Path.of("/tmp/c.sock"))), load("-b", "unix:/tmp/c.sock").get(Registry.BIND));
        assertEquals(List.of(new BindAddress.Tcp("10.1.2.3", 8000)), load("-b", "10.1.2.3").get(Registry.BIND));
        assertEquals(List.of(new BindAddress.Tcp("localhost", 81)), load("--bind=localhost:81").get(Registry.BIND));
        assertEquals("[::1]:9000", new BindAddress.Tcp("::1", 9000).toString());
    }

    @Test
    void umaskIsOctalWithALeadingZero() throws Exception {
        assertEquals(0, load().get(Registry.UMASK), "Gunicorn's default");
        assertEquals(07, load("-m", "007").get(Registry.UMASK));
        assertEquals(07, load("--umask=0o007").get(Registry.UMASK));
        assertEquals(0777, load("--umask", "0777").get(Registry.UMASK));
        assertEquals(022, SettingsLoader.load(List.of(), Map.of("CORRAL_UMASK", "022")).get(Registry.UMASK));
        for (int mask : new int[] {0, 07, 022, 0777}) {
            assertEquals(mask, Registry.UMASK.parse(Registry.UMASK.format(mask)), "the printed value reads back");
        }
        // 22 is decimal to Gunicorn (octal 026) and 022 to a shell's umask: refused, not guessed.
        for (String bad : List.of("22", "0o", "08", "01000", "0x1f", "-1", "rwx", "")) {
            SettingsException e = assertThrows(SettingsException.class, () -> load("--umask", bad), bad);
            assertTrue(e.getMessage().startsWith("umask: '" + bad + "' is not allowed"), e.getMessage());
            assertTrue(e.getMessage().contains("octal value from 0 to 0777"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void bindRepeatsWithinASourceAndTheLatestSourceReplaces() throws Exception {
        Path f = file("bind = 127.0.0.1:1\nbind = 127.0.0.1:2, unix:/tmp/x.sock\n");
        assertEquals(3, SettingsLoader.load(List.of("-c", f.toString()), Map.of()).get(Registry.BIND).size());
        Settings s = SettingsLoader.load(List.of("-c", f.toString(), "-b", "127.0.0.1:3", "-b", "127.0.0.1:4"), Map.of());
        assertEquals("127.0.0.1:3,127.0.0.1:4", Registry.BIND.format(s.get(Registry.BIND)));
    }

    @Test
    void badValuesNameTheSettingTheValueAndWhatIsAllowed() throws Exception {
        Path f = file("threads = 2\nworkers = -1\n");
        SettingsException e = assertThrows(SettingsException.class, () -> load("-c", f.toString()));
        assertTrue(e.getMessage().startsWith("workers: '-1' is not allowed (in " + f + " line 2)"), e.getMessage());
        assertTrue(e.getMessage().contains("integer from 1"), e.getMessage());

        e = assertThrows(SettingsException.class, () -> load("-p", "/tmp/c.pid", "scale", "2"));
        assertTrue(e.getMessage().contains("'scale' is a command and comes first: corral scale N"), e.getMessage());

        e = assertThrows(SettingsException.class, () -> load("-b", "nonsense"));
        assertTrue(e.getMessage().startsWith("bind: 'nonsense' is not allowed"), e.getMessage());
        assertTrue(e.getMessage().contains("HOST:PORT"), e.getMessage());
        for (String bad : List.of("1.2.3.4:99999", "[::1", "host name:80", ":80", "unix:")) {
            assertThrows(SettingsException.class, () -> load("-b", bad), bad);
        }
        e = assertThrows(SettingsException.class, () -> load("--log-level", "loud"));
        assertTrue(e.getMessage().contains("loglevel: 'loud'") && e.getMessage().contains("warning"), e.getMessage());
        assertThrows(SettingsException.class, () -> load("--app", "not a class"));
        assertThrows(SettingsException.class, () -> load("--app-classpath", tmp.resolve("missing.jar").toString()));
        assertThrows(SettingsException.class, () -> load("--worker-jvm-options", "Xmx64m"));
        e = assertThrows(SettingsException.class, () -> load("--access-logfile", tmp.resolve("no/such/dir/a.log").toString()));
        assertTrue(e.getMessage().startsWith("accesslog: '") && e.getMessage().contains("does not exist"), e.getMessage());
        assertEquals("-", load("--access-logfile", "-").get(Registry.ACCESSLOG));
    }

    @Test
    void unknownNamesAndMalformedInput() throws Exception {
        SettingsException e = assertThrows(SettingsException.class, () -> load("-c", file("wrokers = 2\n").toString()));
        assertTrue(e.getMessage().startsWith("unknown setting 'wrokers' in "), e.getMessage());
        assertTrue(e.getMessage().endsWith("(did you mean 'workers'?)"), e.getMessage());
        e = assertThrows(SettingsException.class, () -> load("--wrokers", "2"));
        assertEquals("unknown option '--wrokers' (see --help)", e.getMessage());
        e = assertThrows(SettingsException.class, () -> load("-w"));
        assertTrue(e.getMessage().startsWith("-w needs a value"), e.getMessage());
        e = assertThrows(SettingsException.class, () -> load("-c", tmp.resolve("nope.properties").toString()));
        assertTrue(e.getMessage().contains("nope.properties': no such file"), e.getMessage());
        e = assertThrows(SettingsException.class, () -> load("-c", file("workers 2\n").toString()));
        assertTrue(e.getMessage().endsWith("line 1: expected 'name = value'"), e.getMessage());
        e = assertThrows(SettingsException.class, () -> load("-c", file("config = other.properties\n").toString()));
        assertTrue(e.getMessage().startsWith("config cannot be set inside a config file"), e.getMessage());
    }

    @Test
    void messagesAreOneLine() {
        SettingsException e = assertThrows(SettingsException.class, () -> load("-b", "a\nb"));
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void flagsAndBooleans() throws Exception {
        assertEquals(3, load("-w3").get(Registry.WORKERS));
        assertTrue(load("--demo-crash").get(Registry.DEMO_CRASH));
        assertFalse(load("--demo-crash=off").get(Registry.DEMO_CRASH));
        assertEquals("com.example.App", load("com.example.App").get(Registry.APP), "one positional app");
        assertThrows(SettingsException.class, () -> load("a.App", "b.App"));
        assertTrue(SettingsLoader.wantsHelp(List.of("-w", "2", "--help")));
        assertTrue(SettingsLoader.wantsVersion(List.of("-v")));
    }

    private static List<Setting<?>> booleans() {
        return Registry.all().stream().filter(s -> s.parse(s.defaultText()) instanceof Boolean).toList();
    }

    @Test
    void everyBooleanSettingIsASwitchWithANegation() {
        assertEquals(List.of("reuse_port", "demo_crash", "initgroups", "server_header", "proxy_protocol", "check_config",
                        "print_config"),
                booleans().stream().map(Setting::name).toList());
        for (Setting<?> s : booleans()) {
            assertTrue(s.switchFlag(), s.name() + " must be a switch, as every boolean flag is");
            String flag = s.flags().get(0);
            assertEquals(List.of(flag, "--no-" + flag.substring(2)), s.flags(), s.name());
        }
        String help = HelpText.render();
        assertTrue(help.contains("  --server-header, --no-server-header\n"), help);
        assertTrue(SettingsDoc.markdown().contains("| command line | `--demo-crash`, `--no-demo-crash` |"));
    }

    @Test
    void booleanFlagsBehaveOneWay() throws Exception {
        for (Setting<?> s : booleans()) {
            String flag = s.flags().get(0);
            String no = "--no-" + flag.substring(2);
            assertEquals(true, load(flag).get(s), flag);
            assertEquals(false, load(no).get(s), no);
            assertEquals(false, load(flag + "=false").get(s), flag + "=false");
            assertEquals(true, load(flag + "=true").get(s), flag + "=true");
            assertEquals(false, load(flag, no).get(s), "the last one wins");
            SettingsException e = assertThrows(SettingsException.class, () -> load(flag + "=maybe"));
            assertEquals(s.name() + ": 'maybe' is not allowed (option " + flag + "): must be true or false",
                    e.getMessage());
            e = assertThrows(SettingsException.class, () -> load(no + "=true"));
            assertEquals(no + " takes no value: write " + no + " alone, or " + flag + "=true or =false", e.getMessage());
        }
        assertFalse(load("--no-server-header").get(Registry.SERVER_HEADER));
        assertEquals("com.example.App", load("--no-demo-crash", "com.example.App").get(Registry.APP));
        assertTrue(load("--demo-crash", "com.example.App").get(Registry.DEMO_CRASH), "the next argument is the app");
    }

    @Test
    void aBooleanFlagNeverTakesTheNextArgumentAsItsValueOrTheApp() {
        for (String word : List.of("false", "true", "no", "off", "1")) {
            SettingsException e = assertThrows(SettingsException.class, () -> load("--demo-crash", word), word);
            assertEquals("--demo-crash takes no separate value: write --demo-crash=" + word
                    + " (--demo-crash alone is true, --no-demo-crash false)", e.getMessage());
        }
        SettingsException e = assertThrows(SettingsException.class, () -> load("--server-header", "false"));
        assertTrue(e.getMessage().startsWith("--server-header takes no separate value"), e.getMessage());
    }

    @Test
    void canonicalTextReadsBackToTheSameSettings() throws Exception {
        Path jar = Files.createFile(tmp.resolve("app.jar"));
        Settings s = load("-b", "127.0.0.1:1", "-b", "[::1]:2", "-b", "unix:/tmp/a.sock", "-w", "3", "--app", "a.B",
                "--app-classpath", jar.toString(), "--worker-jvm-options", "-Xmx32m -Dx=y", "-p", "/tmp/p.pid",
                "--demo-crash", "--max-requests", "5");
        String text = s.toStrings().entrySet().stream()
                .map(e -> e.getKey() + " = " + e.getValue()).collect(Collectors.joining("\n"));
        Settings again = load("-c", file(text).toString());
        Map<String, Object> expected = new java.util.HashMap<>(s.values());
        Map<String, Object> actual = new java.util.HashMap<>(again.values());
        expected.remove("config");
        actual.remove("config");
        assertEquals(expected, actual);
    }

    @Test
    void helpListsEverySetting() {
        String help = HelpText.render();
        for (Setting<?> s : Registry.all()) {
            assertTrue(help.contains(s.flags().get(0)), s.name());
            assertTrue(help.contains(s.envVar()) != s.action(), s.name() + ": an environment variable unless an action");
        }
        assertTrue(help.contains("corral status [--json]|top [-n N]|reload|stop|scale N"));
    }

    @Test
    void webConcurrencyIsTheWorkerCountWhenNothingElseSetsOne() throws Exception {
        assertEquals(5, SettingsLoader.load(List.of(), Map.of("WEB_CONCURRENCY", "5")).get(Registry.WORKERS));
        assertEquals(3, SettingsLoader.load(List.of(), Map.of("WEB_CONCURRENCY", "5", "CORRAL_WORKERS", "3"))
                .get(Registry.WORKERS));
        assertEquals(2, SettingsLoader.load(List.of("-w", "2"), Map.of("WEB_CONCURRENCY", "5")).get(Registry.WORKERS));
        Path config = file("workers = 4\n");
        assertEquals(4, SettingsLoader.load(List.of("-c", config.toString()), Map.of("WEB_CONCURRENCY", "5"))
                .get(Registry.WORKERS));
        SettingsException e = assertThrows(SettingsException.class,
                () -> SettingsLoader.load(List.of(), Map.of("WEB_CONCURRENCY", "lots")));
        assertEquals("workers: 'lots' is not allowed (in environment variable WEB_CONCURRENCY): must be an integer from 1 to 1024",
                e.getMessage());
    }

    @Test
    void suggestionsCatchTyposOnly() {
        assertEquals(" (did you mean 'timeout'?)", Suggestions.didYouMean("timout"));
        assertEquals("", Suggestions.didYouMean("completely_different"));
    }

    @Test
    void printedConfigReadsBackAsTheSameSettings() throws Exception {
        Settings s = SettingsLoader.load(List.of("-w", "3", "-b", "127.0.0.1:9001", "-b", "unix:" + tmp.resolve("s.sock"),
                        "--worker-jvm-options", "-Xmx32m -Xss256k", "--access-logfile", "-",
                        "--app-classpath", tmp.toString(), "--print-config"),
                Map.of("CORRAL_TIMEOUT", "7"));
        String printed = ConfigPrinter.render(s, "test");
        Settings back = SettingsLoader.load(List.of("-c", file(printed).toString()), Map.of());
        assertEquals(s.toStrings(), back.toStrings(), printed);
        assertTrue(printed.lines().anyMatch(l -> l.matches("workers +=  ?3")), printed);
        assertTrue(printed.lines().anyMatch(l -> l.matches("timeout +=  ?7")), printed);
        assertFalse(printed.contains("print_config"), "command-line-only settings stay out of a config file: " + printed);
    }

    @Test
    void checkingTheConfigIsOnlyForTheCommandLine() throws Exception {
        assertTrue(load("--check-config").get(Registry.CHECK_CONFIG));
        assertFalse(load().get(Registry.CHECK_CONFIG));
        SettingsException e = assertThrows(SettingsException.class,
                () -> load("-c", file("check_config = true\n").toString()));
        assertTrue(e.getMessage().contains("check_config"), e.getMessage());
        SettingsException env = assertThrows(SettingsException.class,
                () -> SettingsLoader.load(List.of(), Map.of("CORRAL_PRINT_CONFIG", "true")));
        assertTrue(env.getMessage().contains("--print-config") && env.getMessage().contains("CORRAL_PRINT_CONFIG"),
                env.getMessage());
    }
    @Test
    void aCommentAfterAValueIsRefusedNotTakenAsPartOfIt() throws Exception {
        SettingsException e = assertThrows(SettingsException.class,
                () -> load("-c", file("accesslog = -   # or a file\n").toString()));
        assertTrue(e.getMessage().startsWith("accesslog: '-   # or a file' has a comment"), e.getMessage());
        assertEquals("-", load("-c", file("# a comment line\naccesslog = -\n").toString()).get(Registry.ACCESSLOG));
        assertEquals("%(h)s#%(s)s", load("-c", file("access_log_format = %(h)s#%(s)s\n").toString())
                .get(Registry.ACCESS_LOG_FORMAT), "a # inside a value stays");
    }

    @Test
    void chdirIsWhereRelativePathsAreReadFromAndTheConfigFileIsNot() throws Exception {
        Path app = Files.createDirectories(tmp.resolve("app"));
        Files.createDirectories(app.resolve("lib"));
        Files.createDirectories(app.resolve("logs"));
        Path config = file("pidfile = run/corral.pid\n");
        Files.createDirectories(app.resolve("run"));
        Settings s = load("-c", config.toString(), "--chdir", app.toString(), "--app-classpath", "lib",
                "--error-logfile", "logs/error.log", "--access-logfile", "-", "-b", "127.0.0.1:0,unix:run/c.sock");
        assertEquals(app, s.get(Registry.CHDIR));
        assertEquals(app.resolve("run/corral.pid"), s.get(Registry.PIDFILE));
        assertEquals(List.of(app.resolve("lib")), s.get(Registry.APP_CLASSPATH));
        assertEquals(app.resolve("logs/error.log").toString(), s.get(Registry.ERRORLOG));
        assertEquals("-", s.get(Registry.ACCESSLOG));
        assertEquals("unix:" + app.resolve("run/c.sock"), s.get(Registry.BIND).get(1).toString());
    }

    @Test
    void aChdirThatIsNoFolderIsOneLine() {
        SettingsException e = assertThrows(SettingsException.class, () -> load("--chdir", tmp.resolve("nowhere").toString()));
        assertTrue(e.getMessage().startsWith("chdir: '"), e.getMessage());
        assertTrue(e.getMessage().endsWith("no such folder"), e.getMessage());
    }

    @Test
    void httpProtocolsAreGunicornsListAndCleartextIsPriorKnowledgeOnly() throws Exception {
        assertEquals("h1", load().get(Registry.HTTP_PROTOCOLS));
        assertEquals("h2,h1", load("--http-protocols", " H2 , h1").get(Registry.HTTP_PROTOCOLS));
        SettingsException e = assertThrows(SettingsException.class, () -> load("--http-protocols", "h2,h3"));
        assertTrue(e.getMessage().startsWith("http_protocols: 'h2,h3' is not allowed")
                && e.getMessage().contains("h3 (HTTP/3) is not supported"), e.getMessage());
        e = assertThrows(SettingsException.class, () -> load("--http-protocols", "h2,h2"));
        assertTrue(e.getMessage().contains("names h2 twice"), e.getMessage());
        assertEquals("prior-knowledge", load("--http2-cleartext", "prior-knowledge").get(Registry.HTTP2_CLEARTEXT));
        e = assertThrows(SettingsException.class, () -> load("--http2-cleartext", "both"));
        assertTrue(e.getMessage().startsWith("http2_cleartext: 'both' is not allowed")
                && e.getMessage().contains("Upgrade: h2c is not supported"), e.getMessage());
        e = assertThrows(SettingsException.class, () -> load("--http2-max-frame-size", "1024"));
        assertTrue(e.getMessage().contains("16384 to 16777215"), e.getMessage());
    }
}
