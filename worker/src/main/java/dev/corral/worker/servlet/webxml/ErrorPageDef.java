package dev.corral.worker.servlet.webxml;

/**
 * One {@code <error-page>}: by status code, by exception class name, or, with neither, the
 * default error page. The location is a path in the application, starting with '/'. Immutable.
 */
public record ErrorPageDef(Integer errorCode, String exceptionType, String location) {
    public ErrorPageDef {
        if (errorCode != null && exceptionType != null) {
            throw new IllegalArgumentException("an error page is for a code or for an exception type, not both");
        }
    }

    /** Whether this is the default error page, for any error no other page names. */
    public boolean isDefault() {
        return errorCode == null && exceptionType == null;
    }
}
