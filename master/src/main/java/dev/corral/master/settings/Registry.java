package dev.corral.master.settings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of Corral, each declared once. Names, flags and defaults are Gunicorn's where
 * Gunicorn has the setting.
 */
public final class Registry {
    private static final List<Setting<?>> ALL = new ArrayList<>();

    /**
     * The JVM options every worker gets unless {@code worker_jvm_options} says otherwise: a
     * bounded heap with a small young generation, both JIT compilers, one small Netty arena, no
     * leak detector. Measured on 2 cores: about 72 MiB resident per worker after a wrk run. C2 costs
     * about 18 MiB a worker over C1 alone and buys 25 % more hello-world requests per second. The
     * young generation is 8 MiB: HTTP/1.1 hello-world gained nothing measurable from it over 2 MiB,
     * but HTTP/2 with 320 streams in flight has more live objects than 2 MiB holds, so they were
     * promoted and a full collection ran every 200 ms: h2load went from 41-54k to 75-83k requests
     * per second with one worker, for 5-10 MiB resident.
     */
    public static final String DEFAULT_WORKER_JVM_OPTIONS =
            "-Xms16m -Xmx64m -Xmn8m -XX:+UseSerialGC -Xss256k "
            + "-XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=48m -XX:-UsePerfData "
            + "-Dio.netty.allocator.maxOrder=6 -Dio.netty.allocator.numDirectArenas=1 "
            + "-Dio.netty.allocator.numHeapArenas=0 -Dio.netty.leakDetection.level=disabled -Dio.netty.jfr.enabled=false";

    public static final Setting<Path> CONFIG = Setting.named("config", Parsers::optionalPath)
            .section("Config").flags("-c", "--config").metavar("CONFIG").commandLineOnly()
            .allowed("a readable file of 'name = value' lines")
            .doc("The config file to read settings from (only on the command line or as CORRAL_CONFIG).")
            .declare();

    public static final Setting<List<BindAddress>> BIND = Setting.named("bind", Parsers::bindList)
            .flags("-b", "--bind").metavar("ADDRESS").repeatable().restartRequired()
            .byDefault("127.0.0.1:8000").allowed(BindAddress.FORMS + "; repeat for several")
            .format(v -> Parsers.joined(v, ","))
            .doc("The addresses to listen on; the master binds them and holds them for its whole life, and every worker accepts on them."
                    + " As with Gunicorn, 0.0.0.0 is every IPv4 address and [::] every IPv6 one, never both: bind both for both.")
            .declare();

    public static final Setting<Integer> BACKLOG = Setting.named("backlog", Parsers.integer(1, 65535))
            .flags("--backlog").metavar("INT").restartRequired().byDefault("2048")
            .allowed("an integer from 1 to 65535")
            .doc("The most connections that may wait in the kernel's accept queue.")
            .declare();

    public static final Setting<Boolean> REUSE_PORT = Setting.named("reuse_port", Parsers::bool)
            .flags("--reuse-port").switchFlag().restartRequired().byDefault("false")
            .allowed("true or false")
            .doc("Gives each worker slot a SO_REUSEPORT socket of its own on every TCP address, so that the kernel spreads new connections evenly over the slots."
                    + " By default all workers share one socket per address, and a worker whose handler threads are all busy stops accepting until one is free:"
                    + " a new connection then goes to a worker that can answer it at once, never behind a slow request (with SO_REUSEPORT it may wait for the slot it was given).")
            .declare();

    public static final Setting<Integer> UMASK = Setting.named("umask", Parsers::umask)
            .flags("-m", "--umask").metavar("INT").restartRequired().byDefault("0")
            .format(Parsers::octal)
            .allowed("an octal value from 0 to 0777, with a leading 0: 007, 0o007, 0")
            .doc("The permission bits taken away from each Unix socket file the master binds: its mode is 0777"
                    + " minus these. The default, Gunicorn's 0, gives srwxrwxrwx, so a proxy running as another"
                    + " user can connect; 007 lets only the master's user and group in. Unlike Gunicorn's, it"
                    + " applies to the socket files only, not to the files the processes create.")
            .declare();

    /** The most workers a master runs, whether configured or scaled to (TTIN, corral scale). */
    public static final int MAX_WORKERS = 1024;

    public static final Setting<Integer> WORKERS = Setting.named("workers", Parsers.integer(1, MAX_WORKERS))
            .section("Worker processes").flags("-w", "--workers").metavar("INT")
            .byDefault(() -> Integer.toString(Runtime.getRuntime().availableProcessors()))
            .allowed("an integer from 1 to " + MAX_WORKERS)
            .doc("The number of worker JVMs. When no config file, CORRAL_WORKERS or -w sets it, WEB_CONCURRENCY does (as Gunicorn reads it, set by PaaS hosts); else the number of cores.")
            .declare();

    public static final Setting<Integer> STANDBY_WORKERS = Setting.named("standby_workers", Parsers.integer(0, MAX_WORKERS))
            .section("Worker processes").flags("--standby-workers").metavar("INT").byDefault("0")
            .allowed("an integer from 0 to " + MAX_WORKERS)
            .doc("Spare worker JVMs kept booted with the application loaded but holding no socket: one takes the place of a worker that dies, times out or retires in milliseconds instead of a JVM boot, and a new spare boots behind it. Each costs a worker's memory.")
            .declare();

    public static final Setting<Integer> THREADS = Setting.named("threads", Parsers.integer(1, 10000))
            .section("Worker processes").flags("--threads").metavar("INT").byDefault("1")
            .allowed("an integer from 1 to 10000")
            .doc("Handler threads per worker: application code runs on these, never on an event loop.")
            .declare();

    public static final Setting<Integer> TIMEOUT = Setting.named("timeout", Parsers.integer(0, Integer.MAX_VALUE))
            .section("Worker processes").flags("-t", "--timeout").metavar("INT").byDefault("30")
            .allowed("an integer of at least 0 (0: never)")
            .doc("Seconds a worker may make no progress before the master kills and replaces it.")
            .declare();

    public static final Setting<Integer> GRACEFUL_TIMEOUT = Setting.named("graceful_timeout",
                    Parsers.integer(0, Integer.MAX_VALUE))
            .section("Worker processes").flags("--graceful-timeout").metavar("INT").byDefault("30")
            .allowed("an integer of at least 0")
            .doc("Seconds a stopping worker has to finish its in-flight requests before it is killed.")
            .declare();

    public static final Setting<Integer> KEEPALIVE = Setting.named("keepalive", Parsers.integer(0, Integer.MAX_VALUE))
            .section("Worker processes").flags("--keep-alive").metavar("INT").byDefault("2")
            .allowed("an integer of at least 0 (0: no keep-alive)")
            .doc("Seconds an idle keep-alive connection is kept open.")
            .declare();

    public static final Setting<Integer> MAX_REQUESTS = Setting.named("max_requests",
                    Parsers.integer(0, Integer.MAX_VALUE))
            .section("Worker processes").flags("--max-requests").metavar("INT").byDefault("0")
            .allowed("an integer of at least 0 (0: never)")
            .doc("Requests a worker answers before it retires gracefully and is replaced (a cure for leaks).")
            .declare();

    public static final Setting<Integer> MAX_REQUESTS_JITTER = Setting.named("max_requests_jitter",
                    Parsers.integer(0, Integer.MAX_VALUE))
            .section("Worker processes").flags("--max-requests-jitter").metavar("INT").byDefault("0")
            .allowed("an integer of at least 0")
            .doc("A random 0 to this many requests added to max_requests per worker, so they do not all retire at once.")
            .declare();

    public static final Setting<Integer> MAX_WORKER_RSS = Setting.named("max_worker_rss",
                    Parsers.integer(0, Integer.MAX_VALUE))
            .section("Worker processes").flags("--max-worker-rss").metavar("MIB").byDefault("0")
            .allowed("an integer of at least 0, in MiB (0: never)")
            .doc("Resident memory, in MiB, above which a worker (for five seconds on end) is replaced, as uWSGI's reload-on-rss: a successor boots beside it and it then retires gracefully. A cure for leaks that max_requests cannot time; set it above the worker's -Xmx plus about 50 MiB, since a JVM seldom gives heap back.")
            .declare();

    public static final Setting<Integer> MAX_WORKER_LIFETIME = Setting.named("max_worker_lifetime",
                    Parsers.integer(0, Integer.MAX_VALUE))
            .section("Worker processes").flags("--max-worker-lifetime").metavar("SECONDS").byDefault("0")
            .allowed("an integer of at least 0 (0: never)")
            .doc("Seconds a worker serves before it retires gracefully and is replaced, as uWSGI's max-worker-lifetime.")
            .declare();

    public static final Setting<Integer> MAX_WORKER_LIFETIME_JITTER = Setting.named("max_worker_lifetime_jitter",
                    Parsers.integer(0, Integer.MAX_VALUE))
            .section("Worker processes").flags("--max-worker-lifetime-jitter").metavar("SECONDS").byDefault("0")
            .allowed("an integer of at least 0")
            .doc("A random 0 to this many seconds added to max_worker_lifetime per worker, so they do not all retire at once.")
            .declare();

    public static final Setting<List<String>> WORKER_JVM_OPTIONS = Setting.named("worker_jvm_options",
                    Parsers::jvmOptions)
            .section("Worker processes").flags("--worker-jvm-options").metavar("OPTIONS")
            .byDefault(DEFAULT_WORKER_JVM_OPTIONS).format(v -> String.join(" ", v))
            .allowed("JVM options separated by spaces, each starting with -")
            .doc("Options for each worker JVM: heap, GC, code cache. Workers always exit on OutOfMemoryError.")
            .declare();

    public static final Setting<String> APP = Setting.named("app", Parsers::className)
            .section("Application").flags("--app").metavar("CLASS")
            .allowed("a Java class name: a dev.corral.worker.app.Handler, a jakarta.servlet.Servlet, or a class a"
                    + " ServletContainerInitializer on app_classpath handles (a Spring WebApplicationInitializer or"
                    + " SpringBootServletInitializer, a JAX-RS Application)")
            .doc("The application class (also accepted as the one positional argument); unset serves the WAR on"
                    + " app_classpath, or the demo app.")
            .declare();

    public static final Setting<List<String>> SERVLET_INIT_PARAM = Setting.named("servlet_init_param",
                    Parsers::initParam)
            .section("Application").flags("--servlet-init-param").metavar("NAME=VALUE").repeatable()
            .byDefault("").format(Parsers::formEncoded)
            .allowed("name=value; repeat for several")
            .doc("An init parameter of the servlet named by app (mapped at /*), e.g."
                    + " jakarta.ws.rs.Application=com.example.MyApp for Jersey's ServletContainer.")
            .declare();

    public static final Setting<List<Path>> APP_CLASSPATH = Setting.named("app_classpath", Parsers::existingPaths)
            .section("Application").flags("--app-classpath").metavar("PATHS")
            .format(v -> Parsers.joined(v, ":"))
            .allowed("existing jars, folders, folder/* (its jars) or a WAR (packed or exploded), separated by : or ,")
            .doc("Where to find the application's classes, in addition to Corral's own class path. A WAR adds its"
                    + " WEB-INF/classes and WEB-INF/lib/*.jar, and its WEB-INF/web.xml is read.")
            .declare();

    public static final Setting<Boolean> DEMO_CRASH = Setting.named("demo_crash", Parsers::bool)
            .section("Application").flags("--demo-crash").switchFlag().byDefault("false")
            .allowed("true or false")
            .doc("Enables /crash and /hang in the demo app, to show isolation and supervision.")
            .declare();

    public static final Setting<Path> PIDFILE = Setting.named("pidfile", Parsers::optionalPath)
            .section("Server").flags("-p", "--pid").metavar("FILE").restartRequired()
            .allowed("a file path")
            .doc("A file to write the master's pid to; corral status/reload/stop/scale find the master through it. A second master with the same pidfile refuses to start.")
            .declare();

    public static final Setting<Path> CHDIR = Setting.named("chdir", Parsers::existingFolder)
            .section("Server").flags("--chdir").metavar("DIR").restartRequired()
            .allowed("an existing folder")
            .doc("The folder workers run in; relative paths in the settings (app_classpath, pidfile, errorlog, accesslog, unix: binds) are read from it. The config file itself is read from where Corral was started.")
            .declare();

    public static final Setting<String> USER = Setting.named("user", Parsers::account)
            .section("Server").flags("-u", "--user").metavar("USER").restartRequired()
            .allowed("a user name or a numeric uid")
            .doc("Workers run as this user (through setpriv); the master keeps its own, so it can bind port 80 as root. The control socket and the log files are handed to the user. Unset: workers run as the master does.")
            .declare();

    public static final Setting<String> GROUP = Setting.named("group", Parsers::account)
            .section("Server").flags("-g", "--group").metavar("GROUP").restartRequired()
            .allowed("a group name or a numeric gid")
            .doc("Workers run with this group. Unset with user set: the user's own group (Gunicorn keeps the master's).")
            .declare();

    public static final Setting<Boolean> INITGROUPS = Setting.named("initgroups", Parsers::bool)
            .section("Server").flags("--initgroups").switchFlag().byDefault("false").restartRequired()
            .allowed("true or false")
            .doc("With user set, workers also get every supplementary group of the user; otherwise they have none.")
            .declare();

    public static final Setting<String> CERTFILE = Setting.named("certfile", Parsers::existingFile)
            .section("TLS").flags("--certfile").metavar("FILE")
            .allowed("a readable PEM file")
            .doc("The server's certificate chain (PEM): with keyfile, every address serves HTTPS (TLS 1.2 and 1.3) through OpenSSL where netty-tcnative loads, else the JDK. A HUP reads it again: renewed certificates go live with the new workers.")
            .declare();

    public static final Setting<String> KEYFILE = Setting.named("keyfile", Parsers::existingFile)
            .section("TLS").flags("--keyfile").metavar("FILE")
            .allowed("a readable PEM file (PKCS#8 or PKCS#1, unencrypted)")
            .doc("The private key of certfile.")
            .declare();

    public static final Setting<String> CA_CERTS = Setting.named("ca_certs", Parsers::existingFile)
            .section("TLS").flags("--ca-certs").metavar("FILE")
            .allowed("a readable PEM file")
            .doc("The certificate authorities client certificates are checked against (with cert_reqs).")
            .declare();

    public static final Setting<String> CERT_REQS = Setting.named("cert_reqs", Parsers::certReqs)
            .section("TLS").flags("--cert-reqs").metavar("WHICH").byDefault("none")
            .allowed("none, optional or required (or Gunicorn's 0, 1, 2)")
            .doc("Whether clients present a certificate: none (not asked), optional (checked if sent), required (the handshake fails without one).")
            .declare();

    public static final Setting<String> CIPHERS = Setting.named("ciphers", Parsers::optionalText)
            .section("TLS").flags("--ciphers").metavar("LIST")
            .allowed("cipher suite names separated by : or ,")
            .doc("The cipher suites offered for TLS 1.2 (TLS 1.3's are fixed); unset: the provider's defaults.")
            .declare();

    public static final Setting<String> LOGLEVEL = Setting.named("loglevel",
                    Parsers.choice("debug", "info", "warning", "error", "critical"))
            .section("Logging").flags("--log-level").metavar("LEVEL").byDefault("info")
            .allowed("debug, info, warning, error or critical")
            .doc("The least severe log lines written.")
            .declare();

    public static final Setting<String> ERRORLOG = Setting.named("errorlog", Parsers::logTarget)
            .section("Logging").flags("--error-logfile", "--log-file").metavar("FILE").byDefault("-")
            .allowed("a file path, or - for standard error")
            .doc("Where the log goes; USR1 reopens it (for logrotate).")
            .declare();

    public static final Setting<Integer> WORKER_CONNECTIONS = Setting.named("worker_connections",
                    Parsers.integer(1, 1_000_000))
            .section("HTTP").flags("--worker-connections").metavar("INT").byDefault("1000")
            .allowed("an integer from 1 to 1000000")
            .doc("Open connections per worker; one more is answered 503 and closed.")
            .declare();

    public static final Setting<Integer> LIMIT_REQUEST_LINE = Setting.named("limit_request_line",
                    Parsers.integer(0, 65536))
            .section("HTTP").flags("--limit-request-line").metavar("INT").byDefault("4094")
            .allowed("an integer from 0 to 65536 (0: the 65536 ceiling)")
            .doc("The longest request line in bytes; a longer one is answered 414.")
            .declare();

    public static final Setting<Integer> LIMIT_REQUEST_FIELDS = Setting.named("limit_request_fields",
                    Parsers.integer(0, 32768))
            .section("HTTP").flags("--limit-request-fields").metavar("INT").byDefault("100")
            .allowed("an integer from 0 to 32768 (0: the 32768 ceiling)")
            .doc("The most header fields in a request; more are answered 431.")
            .declare();

    public static final Setting<Integer> LIMIT_REQUEST_FIELD_SIZE = Setting.named("limit_request_field_size",
                    Parsers.integer(0, 65536))
            .section("HTTP").flags("--limit-request-field_size", "--limit-request-field-size").metavar("INT")
            .byDefault("8190").allowed("an integer from 0 to 65536 (0: the 65536 ceiling)")
            .doc("The longest header field line in bytes; a longer one is answered 431.")
            .declare();

    public static final Setting<Integer> LIMIT_REQUEST_BODY = Setting.named("limit_request_body",
                    Parsers.integer(0, Integer.MAX_VALUE))
            .section("HTTP").flags("--limit-request-body").metavar("BYTES").byDefault("10485760")
            .allowed("an integer of at least 0 (0: no limit)")
            .doc("The largest request body; a larger one is answered 413 before it is read (chunked ones as soon as they pass it).")
            .declare();

    public static final Setting<Integer> HEADER_TIMEOUT = Setting.named("header_timeout",
                    Parsers.integer(0, Integer.MAX_VALUE))
            .section("HTTP").flags("--header-timeout").metavar("INT").byDefault("10")
            .allowed("an integer of at least 0 (0: none)")
            .doc("Seconds a client has to send a whole request head (slowloris protection); then 408 and close.")
            .declare();

    public static final Setting<Integer> BODY_TIMEOUT = Setting.named("body_timeout",
                    Parsers.integer(0, Integer.MAX_VALUE))
            .section("HTTP").flags("--body-timeout").metavar("INT").byDefault("30")
            .allowed("an integer of at least 0 (0: none)")
            .doc("The longest silence, in seconds, while a request body is being received; then the connection is closed.")
            .declare();

    public static final Setting<Boolean> SERVER_HEADER = Setting.named("server_header", Parsers::bool)
            .section("HTTP").flags("--server-header").switchFlag().byDefault("true")
            .allowed("true or false")
            .doc("Whether responses carry a Server: corral header.")
            .declare();

    public static final Setting<String> FORWARDED_ALLOW_IPS = Setting.named("forwarded_allow_ips", Parsers::ipList)
            .section("HTTP").flags("--forwarded-allow-ips").metavar("IPS").byDefault("127.0.0.1")
            .allowed("IP addresses separated by commas, or * for any")
            .doc("Proxies whose X-Forwarded-For and X-Forwarded-Proto are trusted as the client's address and scheme; a peer on a Unix socket is always trusted, as in Gunicorn.")
            .declare();

    public static final Setting<Boolean> PROXY_PROTOCOL = Setting.named("proxy_protocol", Parsers::bool)
            .section("HTTP").flags("--proxy-protocol").switchFlag().byDefault("false")
            .allowed("true or false")
            .doc("Every connection starts with a PROXY protocol header (v1 or v2, as HAProxy, AWS NLB or nginx send it): its client address becomes the request's and the access log's. Connections from peers not in proxy_allow_ips are closed.")
            .declare();

    public static final Setting<String> PROXY_ALLOW_IPS = Setting.named("proxy_allow_ips", Parsers::ipList)
            .section("HTTP").flags("--proxy-allow-from").metavar("IPS").byDefault("127.0.0.1")
            .allowed("IP addresses separated by commas, or * for any")
            .doc("The load balancers allowed to send a PROXY protocol header (with proxy_protocol).")
            .declare();

    public static final Setting<String> HTTP_PROTOCOLS = Setting.named("http_protocols", Parsers::httpProtocols)
            .section("HTTP/2").flags("--http-protocols").metavar("LIST").byDefault("h1")
            .allowed("h1 and h2 separated by commas, in the order of preference")
            .doc("The HTTP versions served: h2 is HTTP/2, over TLS through ALPN (with certfile) and over cleartext with http2_cleartext; h1 is HTTP/1.1 and 1.0.")
            .declare();

    public static final Setting<String> HTTP2_CLEARTEXT = Setting.named("http2_cleartext", Parsers::http2Cleartext)
            .section("HTTP/2").flags("--http2-cleartext").metavar("HOW").byDefault("off")
            .allowed("off or prior-knowledge (Gunicorn's upgrade and both: Upgrade: h2c is not supported)")
            .doc("Cleartext HTTP/2 (h2c) without TLS: a connection from a peer in forwarded_allow_ips that opens with the HTTP/2 preface is served HTTP/2, anything else HTTP/1.1. For a trusted proxy in front (Cloud Run, fly.io, Envoy); needs h2 in http_protocols.")
            .declare();

    public static final Setting<Integer> HTTP2_MAX_CONCURRENT_STREAMS = Setting.named("http2_max_concurrent_streams",
                    Parsers.integer(1, Integer.MAX_VALUE))
            .section("HTTP/2").flags("--http2-max-concurrent-streams").metavar("INT").byDefault("100")
            .allowed("an integer of at least 1")
            .doc("Requests one HTTP/2 connection may have open at once; more are refused (RST_STREAM).")
            .declare();

    public static final Setting<Integer> HTTP2_INITIAL_WINDOW_SIZE = Setting.named("http2_initial_window_size",
                    Parsers.integer(1, Integer.MAX_VALUE))
            .section("HTTP/2").flags("--http2-initial-window-size").metavar("BYTES").byDefault("65535")
            .allowed("an integer from 1 to 2147483647")
            .doc("The flow-control window of each stream: request body bytes a client may send before Corral has read them.")
            .declare();

    public static final Setting<Integer> HTTP2_MAX_FRAME_SIZE = Setting.named("http2_max_frame_size",
                    Parsers.integer(16_384, 16_777_215))
            .section("HTTP/2").flags("--http2-max-frame-size").metavar("BYTES").byDefault("16384")
            .allowed("an integer from 16384 to 16777215")
            .doc("The largest frame payload a client may send.")
            .declare();

    public static final Setting<Integer> HTTP2_MAX_HEADER_LIST_SIZE = Setting.named("http2_max_header_list_size",
                    Parsers.integer(0, Integer.MAX_VALUE))
            .section("HTTP/2").flags("--http2-max-header-list-size").metavar("BYTES").byDefault("65536")
            .allowed("an integer of at least 0 (0: the 1 MiB ceiling)")
            .doc("The largest request head after HPACK decompression (HPACK bombs, CONTINUATION floods); a larger one ends the connection. limit_request_fields and limit_request_field_size apply as well.")
            .declare();

    public static final Setting<BindAddress> METRICS_BIND = Setting.named("metrics_bind", Parsers::metricsAddress)
            .section("Metrics").flags("--metrics-bind").metavar("ADDRESS").restartRequired()
            .allowed("HOST:PORT, [IPv6]:PORT or an IP address (port 8000); unset for none")
            .doc("Where the master serves Prometheus metrics (GET /metrics): requests, durations, bytes, connections, workers, restarts by cause, memory and GC per worker. Off unless set; never one of the bind addresses.")
            .declare();

    public static final Setting<BindAddress> STATSD_HOST = Setting.named("statsd_host", Parsers::statsdAddress)
            .section("Metrics").flags("--statsd-host").metavar("HOST:PORT").restartRequired()
            .allowed("HOST:PORT or HOST (port 8125); unset for none")
            .doc("Where the master sends the metrics as StatsD datagrams (UDP), once a second: counters of requests, status classes, bytes and restarts, gauges of workers, connections, requests in flight and memory, the mean request duration as a timer.")
            .declare();

    public static final Setting<String> STATSD_PREFIX = Setting.named("statsd_prefix", Parsers::text)
            .section("Metrics").flags("--statsd-prefix").metavar("PREFIX").byDefault("")
            .allowed("a StatsD name prefix, or empty")
            .doc("Put before every StatsD name, with a dot: app gives app.corral.requests.")
            .declare();

    public static final Setting<String> DOGSTATSD_TAGS = Setting.named("dogstatsd_tags", Parsers::text)
            .section("Metrics").flags("--dogstatsd-tags").metavar("TAGS").byDefault("")
            .allowed("comma-separated tags (env:prod,service:shop), or empty")
            .doc("DogStatsD tags added to every datagram (|#env:prod,service:shop).")
            .declare();

    public static final Setting<String> ACCESSLOG = Setting.named("accesslog", Parsers::logTarget)
            .section("Logging").flags("--access-logfile").metavar("FILE")
            .allowed("a file path, or - for standard output; unset for none")
            .doc("Where to log one line per request; off unless set. USR1 reopens it.")
            .declare();

    public static final Setting<String> ACCESS_LOG_FORMAT = Setting.named("access_log_format", Parsers::text)
            .section("Logging").flags("--access-logformat").metavar("FORMAT")
            .byDefault("%(h)s %(l)s %(u)s %(t)s \"%(r)s\" %(s)s %(b)s \"%(f)s\" \"%(a)s\"")
            .allowed("Gunicorn's atoms: %(h)s %(t)s %(r)s %(s)s %(b)s %(D)s %({header}i)s ... (docs/http.md)")
            .doc("The access log line.")
            .declare();

    public static final Setting<Boolean> CHECK_CONFIG = Setting.named("check_config", Parsers::bool)
            .section("Debugging").flags("--check-config").action().byDefault("false")
            .doc("Checks the settings and the app class, then exits: 0 when they are good, 2 and the error"
                    + " when not. Nothing is bound or started; run it before a HUP.")
            .declare();

    public static final Setting<Boolean> PRINT_CONFIG = Setting.named("print_config", Parsers::bool)
            .section("Debugging").flags("--print-config").action().byDefault("false")
            .doc("Prints every setting as resolved from the defaults, the config file, the environment and"
                    + " the command line, as a config file, then exits as --check-config does.")
            .declare();

    private Registry() {
    }

    static synchronized void register(Setting<?> s) {
        ALL.add(s);
    }

    /** Every setting, in declaration order. */
    public static List<Setting<?>> all() {
        return Collections.unmodifiableList(ALL);
    }

    /** Every setting by section, the sections in the order they first appear, for help and docs. */
    public static Map<String, List<Setting<?>>> bySection() {
        Map<String, List<Setting<?>>> sections = new LinkedHashMap<>();
        ALL.forEach(s -> sections.computeIfAbsent(s.section(), k -> new ArrayList<>()).add(s));
        return sections;
    }

    public static Optional<Setting<?>> byName(String name) {
        String normal = name.trim().replace('-', '_');
        return ALL.stream().filter(s -> s.name().equals(normal)).findFirst();
    }
}
