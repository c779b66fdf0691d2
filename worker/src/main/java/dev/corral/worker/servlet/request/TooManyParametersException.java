package dev.corral.worker.servlet.request;

/**
 * A request carried more parameters than the limit (Tomcat's {@code maxParameterCount}); the
 * bridge answers 400. An {@link IllegalStateException}, as Tomcat's is, so code written against
 * Tomcat that catches that still does. Stackless: a client can make it as often as it likes, and
 * the limit says all there is to say.
 */
public final class TooManyParametersException extends IllegalStateException {
    private final int limit;

    /** @param limit the number of parameters that was allowed */
    public TooManyParametersException(int limit) {
        super("more than " + limit + " request parameters");
        this.limit = limit;
    }

    /** The number of parameters that was allowed. */
    public int limit() {
        return limit;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
