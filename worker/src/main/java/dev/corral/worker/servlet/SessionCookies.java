package dev.corral.worker.servlet;

import jakarta.servlet.SessionCookieConfig;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the session cookie is written ({@code JSESSIONID}, {@code Path=/}, {@code HttpOnly} unless
 * the application says otherwise). Set while the application starts; read by handler threads.
 */
final class SessionCookies implements SessionCookieConfig {
    private volatile String name = "JSESSIONID";
    private volatile String domain;
    private volatile String path;
    private volatile String comment;
    private volatile boolean httpOnly = true;
    private volatile boolean secure;
    private volatile int maxAge = -1;
    private final Map<String, String> attributes = Collections.synchronizedMap(new TreeMap<>(String.CASE_INSENSITIVE_ORDER));

    @Override
    public void setName(String name) {
        this.name = name;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public void setDomain(String domain) {
        this.domain = domain;
    }

    @Override
    public String getDomain() {
        return domain;
    }

    @Override
    public void setPath(String path) {
        this.path = path;
    }

    @Override
    public String getPath() {
        return path;
    }

    @Override
    @SuppressWarnings("removal")
    public void setComment(String comment) {
        this.comment = comment;
    }

    @Override
    @SuppressWarnings("removal")
    public String getComment() {
        return comment;
    }

    @Override
    public void setHttpOnly(boolean httpOnly) {
        this.httpOnly = httpOnly;
    }

    @Override
    public boolean isHttpOnly() {
        return httpOnly;
    }

    @Override
    public void setSecure(boolean secure) {
        this.secure = secure;
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public void setMaxAge(int maxAge) {
        this.maxAge = maxAge;
    }

    @Override
    public int getMaxAge() {
        return maxAge;
    }

    @Override
    public void setAttribute(String attributeName, String value) {
        attributes.put(attributeName, value);
    }

    @Override
    public String getAttribute(String attributeName) {
        return attributes.get(attributeName);
    }

    @Override
    public Map<String, String> getAttributes() {
        synchronized (attributes) {
            return Map.copyOf(attributes);
        }
    }

    /** The cookie that carries {@code id} to the client. */
    jakarta.servlet.http.Cookie cookie(String id, boolean secureRequest) {
        jakarta.servlet.http.Cookie c = new jakarta.servlet.http.Cookie(name, id);
        c.setPath(path == null ? "/" : path);
        if (domain != null) {
            c.setDomain(domain);
        }
        c.setHttpOnly(httpOnly);
        c.setSecure(secure || secureRequest);
        c.setMaxAge(maxAge);
        getAttributes().forEach(c::setAttribute);
        return c;
    }
}
