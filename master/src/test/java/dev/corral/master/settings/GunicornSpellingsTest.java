package dev.corral.master.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Gunicorn's command line, as its settings reference lists it (docs/source/settings.rst), against
 * Corral's: a Gunicorn user's flag is either Corral's too or refused with what to use instead.
 */
class GunicornSpellingsTest {
    /** Gunicorn's flags for the settings Corral has, with a value each accepts. */
    private static final Map<String, String> SAME = new LinkedHashMap<>();

    static {
        SAME.put("-c", "config");
        SAME.put("--config", "config");
        SAME.put("-b", "bind");
        SAME.put("--bind", "bind");
        SAME.put("--backlog", "backlog");
        SAME.put("--reuse-port", "reuse_port");
        SAME.put("-w", "workers");
        SAME.put("--workers", "workers");
        SAME.put("--threads", "threads");
        SAME.put("--worker-connections", "worker_connections");
        SAME.put("--max-requests", "max_requests");
        SAME.put("--max-requests-jitter", "max_requests_jitter");
        SAME.put("-t", "timeout");
        SAME.put("--timeout", "timeout");
        SAME.put("--graceful-timeout", "graceful_timeout");
        SAME.put("--keep-alive", "keepalive");
        SAME.put("--limit-request-line", "limit_request_line");
        SAME.put("--limit-request-fields", "limit_request_fields");
        SAME.put("--limit-request-field_size", "limit_request_field_size");
        SAME.put("--check-config", "check_config");
        SAME.put("--print-config", "print_config");
        SAME.put("--access-logfile", "accesslog");
        SAME.put("--access-logformat", "access_log_format");
        SAME.put("--error-logfile", "errorlog");
        SAME.put("--log-file", "errorlog");
        SAME.put("--log-level", "loglevel");
        SAME.put("-p", "pidfile");
        SAME.put("--pid", "pidfile");
        SAME.put("-m", "umask");
        SAME.put("--umask", "umask");
        SAME.put("--forwarded-allow-ips", "forwarded_allow_ips");
        SAME.put("--chdir", "chdir");
        SAME.put("--certfile", "certfile");
        SAME.put("--proxy-protocol", "proxy_protocol");
        SAME.put("--proxy-allow-from", "proxy_allow_ips");
        SAME.put("--keyfile", "keyfile");
        SAME.put("--ca-certs", "ca_certs");
        SAME.put("--cert-reqs", "cert_reqs");
        SAME.put("--ciphers", "ciphers");
        SAME.put("-u", "user");
        SAME.put("--user", "user");
        SAME.put("-g", "group");
        SAME.put("--group", "group");
        SAME.put("--initgroups", "initgroups");
        SAME.put("--http-protocols", "http_protocols");
        SAME.put("--statsd-host", "statsd_host");
        SAME.put("--statsd-prefix", "statsd_prefix");
        SAME.put("--dogstatsd-tags", "dogstatsd_tags");
        SAME.put("--http2-cleartext", "http2_cleartext");
        SAME.put("--http2-max-concurrent-streams", "http2_max_concurrent_streams");
        SAME.put("--http2-initial-window-size", "http2_initial_window_size");
        SAME.put("--http2-max-frame-size", "http2_max_frame_size");
        SAME.put("--http2-max-header-list-size", "http2_max_header_list_size");
    }

    /** Gunicorn's flags for settings Corral does not have. */
    private static final List<String> OTHERS = List.of("--reload", "--reload-engine", "--reload-extra-file", "--spew",
            "--disable-redirect-access-to-syslog", "--capture-output", "--logger-class", "--log-config",
            "--log-config-dict", "--log-config-json", "--log-syslog-to", "--log-syslog", "--log-syslog-prefix",
            "--log-syslog-facility", "-R", "--enable-stdio-inheritance", "-n", "--name", "--ssl-version",
            "--suppress-ragged-eofs", "--do-handshake-on-connect", "--preload", "--no-sendfile",
            "-D", "--daemon", "-e", "--env", "--worker-tmp-dir", "--pythonpath", "--paste", "--paster", "--paste-global", "-k", "--worker-class");

    /**
     * Left to "unknown option": a trace of every line run and sendfile are Python-process knobs with no
     * Corral counterpart worth a sentence, and capture_output's advice waits on how workers' output
     * reaches the error log.
     */
    private static final Set<String> UNKNOWN_TO_CORRAL = Set.of("--spew", "--no-sendfile", "--capture-output");

    @Test
    void gunicornsFlagForEachCorralSettingIsCorralsFlagForIt() {
        SAME.forEach((flag, name) -> {
            Setting<?> s = Registry.byName(name).orElseThrow(() -> new AssertionError(name + " is not a setting"));
            assertTrue(s.flags().contains(flag), flag + " should set " + name + ": " + s.flags());
        });
    }

    @Test
    void gunicornsSettingNamesAreCorralsConfigKeys() {
        for (String name : Set.copyOf(SAME.values())) {
            assertEquals(name, Registry.byName(name).orElseThrow().name());
        }
    }

    @Test
    void everyOtherGunicornFlagSaysWhatToUseInstead() {
        for (String flag : OTHERS) {
            if (!UNKNOWN_TO_CORRAL.contains(flag)) {
                assertTrue(NotInCorral.byFlag(flag).isPresent(), flag + " has no advice in NotInCorral");
            }
        }
    }

    @Test
    void helpShowsEveryGunicornSpelling() {
        String help = HelpText.render();
        SAME.keySet().forEach(flag -> assertTrue(help.contains(flag), flag));
        OTHERS.stream().filter(f -> !UNKNOWN_TO_CORRAL.contains(f)).forEach(flag -> assertTrue(help.contains(flag), flag));
    }
}
