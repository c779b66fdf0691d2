package dev.corral.worker.servlet;

import dev.corral.worker.app.Request;
import dev.corral.worker.http.call.Exchange;
import dev.corral.worker.servlet.mapping.Match;
import dev.corral.worker.servlet.request.ContentTypes;
import dev.corral.worker.servlet.request.Cookies;
import dev.corral.worker.servlet.request.HttpDates;
import dev.corral.worker.servlet.request.Locales;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletConnection;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.Part;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link HttpServletRequest} of one request, over Corral's decoded {@link Request}: the
 * body is already whole in memory. Lives on the request's handler thread.
 */
final class BridgeRequest implements HttpServletRequest {
    private static final AtomicLong IDS = new AtomicLong();

    private final WebApp app;
    private final Exchange exchange;
    private final Request request;
    private final String requestId = Long.toString(IDS.incrementAndGet());
    private final Map<String, Object> attributes = new HashMap<>();
    private final RequestSession session;
    private BridgeResponse response;
    private Match<ServletHolder> match;
    private String characterEncoding;
    private Map<String, String[]> parameters;
    private List<Part> parts;
    private Cookie[] cookies;
    private boolean cookiesParsed;
    private boolean bodyAsStream;
    private boolean bodyAsReader;

    BridgeRequest(WebApp app, Exchange exchange) {
        this.app = app;
        this.exchange = exchange;
        this.request = exchange.request();
        this.session = new RequestSession(app, this);
        if (exchange.clientCertificates() != null) {
            // The Servlet spec's name for the chain a TLS client presented.
            attributes.put("jakarta.servlet.request.X509Certificate", exchange.clientCertificates().clone());
        }
    }

    void response(BridgeResponse response) {
        this.response = response;
    }

    BridgeResponse bridgeResponse() {
        return response;
    }

    RequestSession sessionState() {
        return session;
    }

    void match(Match<ServletHolder> match) {
        this.match = match;
    }

    Match<ServletHolder> match() {
        return match;
    }

    // ---- the request line and the URL

    @Override
    public String getMethod() {
        return request.method();
    }

    @Override
    public String getRequestURI() {
        return request.path();
    }

    @Override
    public StringBuffer getRequestURL() {
        StringBuffer url = new StringBuffer(getScheme()).append("://").append(hostForUrl());
        int port = getServerPort();
        if (port > 0 && !("http".equals(getScheme()) && port == 80) && !("https".equals(getScheme()) && port == 443)) {
            url.append(':').append(port);
        }
        return url.append(getRequestURI());
    }

    private String hostForUrl() {
        String name = getServerName();
        return name.indexOf(':') >= 0 ? "[" + name + "]" : name;
    }

    @Override
    public String getQueryString() {
        String uri = request.uri();
        int q = uri.indexOf('?');
        return q < 0 ? null : uri.substring(q + 1);
    }

    @Override
    public String getContextPath() {
        return "";
    }

    @Override
    public String getServletPath() {
        return match == null ? "" : match.servletPath();
    }

    @Override
    public String getPathInfo() {
        return match == null ? null : match.pathInfo();
    }

    @Override
    public String getPathTranslated() {
        String info = getPathInfo();
        return info == null ? null : app.context().getRealPath(info);
    }

    @Override
    public HttpServletMapping getHttpServletMapping() {
        return match == null ? null : match.mapping(match.target().getName());
    }

    @Override
    public String getProtocol() {
        return exchange.protocol();
    }

    @Override
    public String getScheme() {
        return request.scheme();
    }

    @Override
    public boolean isSecure() {
        return "https".equals(getScheme());
    }

    @Override
    public String getServerName() {
        String host = request.header("Host");
        if (host == null || host.isEmpty()) {
            return getLocalName();
        }
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 ? host.substring(1, end) : host;
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    @Override
    public int getServerPort() {
        String host = request.header("Host");
        if (host != null) {
            int colon = host.lastIndexOf(':');
            if (colon > host.lastIndexOf(']')) {
                try {
                    return Integer.parseInt(host.substring(colon + 1));
                } catch (NumberFormatException e) {
                    // A Host the parser let through with an odd port: fall back to the scheme's.
                }
            }
            return isSecure() ? 443 : 80;
        }
        return getLocalPort();
    }

    // ---- the peers

    @Override
    public String getRemoteAddr() {
        InetSocketAddress peer = request.remoteAddress();
        return peer == null ? "127.0.0.1" : peer.getAddress() == null ? peer.getHostString() : peer.getAddress().getHostAddress();
    }

    @Override
    public String getRemoteHost() {
        return getRemoteAddr();
    }

    @Override
    public int getRemotePort() {
        InetSocketAddress peer = request.remoteAddress();
        return peer == null ? 0 : peer.getPort();
    }

    @Override
    public String getLocalName() {
        InetSocketAddress local = exchange.local();
        return local == null ? "localhost" : local.getHostString();
    }

    @Override
    public String getLocalAddr() {
        InetSocketAddress local = exchange.local();
        return local == null || local.getAddress() == null ? "127.0.0.1" : local.getAddress().getHostAddress();
    }

    @Override
    public int getLocalPort() {
        InetSocketAddress local = exchange.local();
        return local == null ? 0 : local.getPort();
    }

    // ---- headers

    @Override
    public String getHeader(String name) {
        return request.header(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return Collections.enumeration(headerValues(name));
    }

    List<String> headerValues(String name) {
        List<String> out = new ArrayList<>(1);
        for (Map.Entry<String, String> h : request.headers()) {
            if (h.getKey().equalsIgnoreCase(name)) {
                out.add(h.getValue());
            }
        }
        return out;
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (Map.Entry<String, String> h : request.headers()) {
            names.add(h.getKey().toLowerCase(Locale.ROOT));
        }
        return Collections.enumeration(names);
    }

    @Override
    public int getIntHeader(String name) {
        String v = getHeader(name);
        return v == null ? -1 : Integer.parseInt(v.trim());
    }

    @Override
    public long getDateHeader(String name) {
        String v = getHeader(name);
        if (v == null) {
            return -1;
        }
        long date = HttpDates.parse(v);
        if (date < 0) {
            throw new IllegalArgumentException("header " + name + " is not a date: " + v);
        }
        return date;
    }

    @Override
    public Cookie[] getCookies() {
        if (!cookiesParsed) {
            cookiesParsed = true;
            Cookie[] parsed = Cookies.parse(headerValues("Cookie"));
            cookies = parsed.length == 0 ? null : parsed;
        }
        return cookies == null ? null : cookies.clone();
    }

    @Override
    public Locale getLocale() {
        List<Locale> locales = Locales.parseAcceptLanguage(headerValues("Accept-Language"));
        return locales.isEmpty() ? Locale.getDefault() : locales.get(0);
    }

    @Override
    public Enumeration<Locale> getLocales() {
        List<Locale> locales = Locales.parseAcceptLanguage(headerValues("Accept-Language"));
        return Collections.enumeration(locales.isEmpty() ? List.of(Locale.getDefault()) : locales);
    }

    // ---- the body

    @Override
    public String getCharacterEncoding() {
        if (characterEncoding != null) {
            return characterEncoding;
        }
        String fromType = ContentTypes.charset(getContentType());
        return fromType != null ? fromType : app.context().getRequestCharacterEncoding();
    }

    @Override
    public void setCharacterEncoding(String env) throws UnsupportedEncodingException {
        if (bodyAsReader || parameters != null) {
            return;
        }
        if (env != null && !Charset.isSupported(env)) {
            throw new UnsupportedEncodingException(env);
        }
        characterEncoding = env;
    }

    Charset charset() {
        String name = getCharacterEncoding();
        try {
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    @Override
    public int getContentLength() {
        long n = getContentLengthLong();
        return n > Integer.MAX_VALUE ? -1 : (int) n;
    }

    @Override
    public long getContentLengthLong() {
        return request.body().length > 0 || request.header("Content-Length") != null ? request.body().length : -1;
    }

    @Override
    public String getContentType() {
        return request.header("Content-Type");
    }

    byte[] body() {
        return request.body();
    }

    @Override
    public ServletInputStream getInputStream() {
        if (bodyAsReader) {
            throw new IllegalStateException("getReader() has already been called for this request");
        }
        bodyAsStream = true;
        return new RequestBody(request.body());
    }

    @Override
    public BufferedReader getReader() {
        if (bodyAsStream) {
            throw new IllegalStateException("getInputStream() has already been called for this request");
        }
        bodyAsReader = true;
        return new BufferedReader(new InputStreamReader(new RequestBody(request.body()), charset()));
    }

    boolean bodyRead() {
        return bodyAsStream || bodyAsReader;
    }

    // ---- parameters and parts

    @Override
    public String getParameter(String name) {
        String[] values = getParameterMap().get(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(getParameterMap().keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
        String[] values = getParameterMap().get(name);
        return values == null ? null : values.clone();
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        if (parameters == null) {
            parameters = FormParameters.of(this);
        }
        return parameters;
    }

    @Override
    public Collection<Part> getParts() throws IOException, ServletException {
        if (parts == null) {
            parts = Multipart.parts(this, match == null ? null : match.target().multipartConfig());
        }
        return parts;
    }

    @Override
    public Part getPart(String name) throws IOException, ServletException {
        for (Part p : getParts()) {
            if (p.getName().equals(name)) {
                return p;
            }
        }
        return null;
    }

    void deleteParts() {
        if (parts != null) {
            for (Part p : parts) {
                try {
                    p.delete();
                } catch (IOException ignored) {
                    // A temporary file left behind is the OS's to clean; the answer is already out.
                }
            }
        }
    }

    // ---- attributes

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        return Collections.enumeration(List.copyOf(attributes.keySet()));
    }

    @Override
    public void setAttribute(String name, Object o) {
        if (o == null) {
            removeAttribute(name);
            return;
        }
        Object old = attributes.put(name, o);
        app.listeners().requestAttribute(app.context(), this, name, o, old);
    }

    @Override
    public void removeAttribute(String name) {
        Object old = attributes.remove(name);
        if (old != null) {
            app.listeners().requestAttribute(app.context(), this, name, null, old);
        }
    }

    // ---- sessions

    @Override
    public HttpSession getSession(boolean create) {
        return session.get(create);
    }

    @Override
    public HttpSession getSession() {
        return getSession(true);
    }

    @Override
    public String changeSessionId() {
        return session.changeId();
    }

    @Override
    public String getRequestedSessionId() {
        return session.requestedId();
    }

    @Override
    public boolean isRequestedSessionIdValid() {
        return session.requestedIdValid();
    }

    @Override
    public boolean isRequestedSessionIdFromCookie() {
        return session.requestedId() != null;
    }

    @Override
    public boolean isRequestedSessionIdFromURL() {
        return false;
    }

    // ---- security: none in the container

    @Override
    public String getAuthType() {
        return null;
    }

    @Override
    public String getRemoteUser() {
        return null;
    }

    @Override
    public boolean isUserInRole(String role) {
        return false;
    }

    @Override
    public Principal getUserPrincipal() {
        return null;
    }

    @Override
    public boolean authenticate(HttpServletResponse response) throws ServletException {
        throw new ServletException("Corral has no container authentication: authenticate the request in the application");
    }

    @Override
    public void login(String username, String password) throws ServletException {
        throw new ServletException("Corral has no container authentication: login is not supported");
    }

    @Override
    public void logout() {
        // Nothing was logged in by the container.
    }

    // ---- what a synchronous bridge does not do

    @Override
    public <T extends HttpUpgradeHandler> T upgrade(Class<T> handlerClass) {
        throw new IllegalStateException("Corral does not support HTTP upgrade (request.upgrade)");
    }

    @Override
    public AsyncContext startAsync() {
        throw new IllegalStateException("Corral serves servlets synchronously: startAsync is not supported");
    }

    @Override
    public AsyncContext startAsync(ServletRequest servletRequest, ServletResponse servletResponse) {
        return startAsync();
    }

    @Override
    public boolean isAsyncStarted() {
        return false;
    }

    @Override
    public boolean isAsyncSupported() {
        return false;
    }

    @Override
    public AsyncContext getAsyncContext() {
        throw new IllegalStateException("Corral serves servlets synchronously: there is no async context");
    }

    @Override
    public DispatcherType getDispatcherType() {
        return DispatcherType.REQUEST;
    }

    @Override
    public RequestDispatcher getRequestDispatcher(String path) {
        if (path == null) {
            return null;
        }
        if (!path.startsWith("/")) {
            String base = getServletPath() + (getPathInfo() == null ? "" : getPathInfo());
            path = base.substring(0, base.lastIndexOf('/') + 1) + path;
        }
        return Dispatcher.forPath(app, path);
    }

    @Override
    public ServletContext getServletContext() {
        return app.context();
    }

    @Override
    public String getRequestId() {
        return requestId;
    }

    @Override
    public String getProtocolRequestId() {
        return "";
    }

    @Override
    public ServletConnection getServletConnection() {
        return new ServletConnection() {
            @Override
            public String getConnectionId() {
                return Integer.toHexString(System.identityHashCode(exchange.closing()));
            }

            @Override
            public String getProtocol() {
                if (exchange.http2()) {
                    return isSecure() ? "h2" : "h2c";
                }
                return exchange.http11() ? "http/1.1" : "http/1.0";
            }

            @Override
            public String getProtocolConnectionId() {
                return "";
            }

            @Override
            public boolean isSecure() {
                return BridgeRequest.this.isSecure();
            }
        };
    }
}
