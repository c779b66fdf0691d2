package dev.corral.worker.control;

/**
 * The line-oriented conversation between the master and a worker on the private control
 * socket. The worker module owns it because the worker is the side that must obey it.
 *
 * <pre>
 * worker → master   HELLO &lt;pid&gt;             first line after connecting
 * master → worker   SET &lt;name&gt; &lt;value&gt;      one per setting, canonical string form
 * master → worker   TICKETS &lt;hex&gt;...         the TLS session-ticket keys all workers share, newest first
 * master → worker   STANDBY                 (instead of FDS) load the app, then wait: FDS follows on promotion
 * worker → master   LOADED                  a standby worker has loaded the app and waits for FDS
 * master → worker   FDS &lt;kind&gt;...           one descriptor per kind (tcp, tcp-shared or unix) will follow
 * worker → master   SEND_FDS                the worker reads descriptors now (no bytes may interleave)
 * master → worker   n × SCM_RIGHTS descriptor
 * worker → master   READY                   the app is loaded and the worker accepts
 * worker → master   HB &lt;requests&gt; &lt;rss&gt;    heartbeat, sent only while the worker makes progress (rss in KiB)
 * worker → master   STATS &lt;conns&gt; &lt;in flight&gt; &lt;heap&gt; &lt;gc ms&gt; &lt;deltas&gt;   after each HB: the metrics (RequestFigures.Delta)
 * worker → master   RETIRE max_requests      the worker served its quota and asks to be replaced
 * master → worker   STOP                    stop accepting, finish in-flight requests, exit
 * master → worker   REOPEN                  reopen the log file (after logrotate)
 * master → worker   DUMP                    write a thread dump to the error log (the worker timed out)
 * worker → master   DUMPED                  it is written: the master kills the worker now
 * </pre>
 *
 * <p>When the connection closes, each side knows its peer is gone; a worker then exits at once.
 */
public final class ControlProtocol {
    public static final String HELLO = "HELLO";
    public static final String SET = "SET";
    public static final String TICKETS = "TICKETS";
    public static final String STANDBY = "STANDBY";
    public static final String LOADED = "LOADED";
    public static final String FDS = "FDS";
    public static final String SEND_FDS = "SEND_FDS";
    public static final String READY = "READY";
    public static final String HEARTBEAT = "HB";
    public static final String STATS = "STATS";
    public static final String RETIRE = "RETIRE";
    public static final String STOP = "STOP";
    public static final String REOPEN = "REOPEN";
    public static final String DUMP = "DUMP";
    public static final String DUMPED = "DUMPED";

    /** Longest line either side accepts; settings values are short. */
    public static final int MAX_LINE = 64 * 1024;

    /** Exit status of a worker that could not boot (bad app class, app constructor threw). */
    public static final int EXIT_BOOT_FAILURE = 78;

    /** Exit status of a worker whose master went away. */
    public static final int EXIT_MASTER_GONE = 75;

    private ControlProtocol() {
    }
}
