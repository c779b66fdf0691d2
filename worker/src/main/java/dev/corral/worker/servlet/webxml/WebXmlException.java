package dev.corral.worker.servlet.webxml;

/**
 * A {@code web.xml} that cannot be deployed. The message is one line: the descriptor's source, then
 * what is wrong with it, so that it can be logged as the reason an application did not boot.
 */
public final class WebXmlException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String problem;

    public WebXmlException(String source, String problem) {
        this(source, problem, null);
    }

    public WebXmlException(String source, String problem, Throwable cause) {
        super(source + ": " + oneLine(problem), cause);
        this.source = source;
        this.problem = oneLine(problem);
    }

    /** Where the descriptor came from, as the caller named it. */
    public String source() {
        return source;
    }

    /** What is wrong, without the source. */
    public String problem() {
        return problem;
    }

    // A parser's message can carry line breaks; a log line must not.
    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }
}
