package dev.corral.worker.servlet;

import dev.corral.worker.http.call.Reply;
import dev.corral.worker.servlet.request.ContentTypes;
import dev.corral.worker.servlet.request.Cookies;
import dev.corral.worker.servlet.request.HttpDates;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@link HttpServletResponse} of one request, on its handler thread. Status and headers
 * are held here and may change until the response commits ({@link ResponseBody}); the head is
 * then taken from them as they stand. {@code setHeader(name, null)} removes the field, and
 * {@code Content-Type} and {@code Content-Length} set as headers mean the same as their setters.
 */
final class BridgeResponse implements HttpServletResponse {
    private enum Output { NONE, STREAM, WRITER }

    private final List<String[]> fields = new ArrayList<>();
    private final ResponseBody body;
    private final String defaultEncoding;
    private int status = 200;
    private String mimeType;
    private String encoding;
    private Locale locale;
    private long declaredLength = -1;
    private Output output = Output.NONE;
    private ResponseWriter writer;
    private PrintWriter printWriter;
    // A sendError waiting for its error page: the status, and the message it gave.
    private boolean errorPending;
    private String errorMessage;

    BridgeResponse(Reply reply, String defaultEncoding) {
        this.body = new ResponseBody(this, reply);
        this.defaultEncoding = defaultEncoding;
    }

    // ---- what the bridge needs

    /** The head's fields as they stand; {@code whole}: the body is complete and its length known. */
    List<Map.Entry<String, String>> headFields(boolean whole) {
        List<Map.Entry<String, String>> out = new ArrayList<>(fields.size() + 2);
        String type = getContentType();
        if (type != null) {
            out.add(Map.entry("Content-Type", type));
        }
        if (locale != null && !containsHeader("Content-Language")) {
            out.add(Map.entry("Content-Language", locale.toLanguageTag()));
        }
        for (String[] f : fields) {
            out.add(Map.entry(f[0], f[1]));
        }
        return out;
    }

    long declaredLength() {
        return declaredLength;
    }

    ResponseBody body() {
        return body;
    }

    boolean errorPending() {
        return errorPending;
    }

    String errorMessage() {
        return errorMessage;
    }

    /** The error page is being written: output is allowed again, to it. */
    void startErrorPage() {
        errorPending = false;
        body.suspend(false);
        output = Output.NONE;
        writer = null;
        printWriter = null;
    }

    void flushWriter() {
        if (printWriter != null) {
            printWriter.flush();
        }
    }

    /** Sends what is left and ends the response. */
    void finish() throws IOException {
        flushWriter();
        body.finish();
    }

    // ---- status

    @Override
    public void setStatus(int sc) {
        if (!isCommitted()) {
            status = sc;
        }
    }

    @Override
    public int getStatus() {
        return status;
    }

    @Override
    public void sendError(int sc) throws IOException {
        sendError(sc, null);
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        if (isCommitted()) {
            throw new IllegalStateException("sendError after the response was committed");
        }
        resetBuffer();
        status = sc;
        errorPending = true;
        errorMessage = msg;
        body.suspend(true);
    }

    @Override
    public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
        if (isCommitted()) {
            throw new IllegalStateException("sendRedirect after the response was committed");
        }
        if (clearBuffer) {
            resetBuffer();
        }
        status = sc;
        setHeader("Location", location);
        body.suspend(true);
    }

    // ---- headers

    @Override
    public void setHeader(String name, String value) {
        if (name == null || isCommitted() || special(name, value, true)) {
            return;
        }
        fields.removeIf(f -> f[0].equalsIgnoreCase(name));
        if (value != null) {
            fields.add(new String[] {name, value});
        }
    }

    @Override
    public void addHeader(String name, String value) {
        if (name == null || value == null || isCommitted() || special(name, value, false)) {
            return;
        }
        fields.add(new String[] {name, value});
    }

    // Content-Type and Content-Length live in their own fields, as their setters keep them.
    private boolean special(String name, String value, boolean set) {
        if (name.equalsIgnoreCase("Content-Type")) {
            if (value != null || set) {
                setContentType(value);
            }
            return true;
        }
        if (name.equalsIgnoreCase("Content-Length")) {
            try {
                declaredLength = value == null ? -1 : Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                declaredLength = -1;
            }
            return true;
        }
        return false;
    }

    @Override
    public void setDateHeader(String name, long date) {
        setHeader(name, HttpDates.format(date));
    }

    @Override
    public void addDateHeader(String name, long date) {
        addHeader(name, HttpDates.format(date));
    }

    @Override
    public void setIntHeader(String name, int value) {
        setHeader(name, Integer.toString(value));
    }

    @Override
    public void addIntHeader(String name, int value) {
        addHeader(name, Integer.toString(value));
    }

    @Override
    public boolean containsHeader(String name) {
        if (name.equalsIgnoreCase("Content-Type")) {
            return mimeType != null;
        }
        if (name.equalsIgnoreCase("Content-Length")) {
            return declaredLength >= 0;
        }
        return fields.stream().anyMatch(f -> f[0].equalsIgnoreCase(name));
    }

    @Override
    public String getHeader(String name) {
        if (name.equalsIgnoreCase("Content-Type")) {
            return getContentType();
        }
        if (name.equalsIgnoreCase("Content-Length")) {
            return declaredLength >= 0 ? Long.toString(declaredLength) : null;
        }
        for (String[] f : fields) {
            if (f[0].equalsIgnoreCase(name)) {
                return f[1];
            }
        }
        return null;
    }

    @Override
    public Collection<String> getHeaders(String name) {
        List<String> out = new ArrayList<>();
        if (name.equalsIgnoreCase("Content-Type") || name.equalsIgnoreCase("Content-Length")) {
            String v = getHeader(name);
            if (v != null) {
                out.add(v);
            }
            return out;
        }
        for (String[] f : fields) {
            if (f[0].equalsIgnoreCase(name)) {
                out.add(f[1]);
            }
        }
        return out;
    }

    @Override
    public Collection<String> getHeaderNames() {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        if (mimeType != null) {
            names.add("Content-Type");
        }
        if (declaredLength >= 0) {
            names.add("Content-Length");
        }
        for (String[] f : fields) {
            names.add(f[0]);
        }
        return names;
    }

    @Override
    public void addCookie(Cookie cookie) {
        addHeader("Set-Cookie", Cookies.setCookieHeader(cookie));
    }

    @Override
    public void setTrailerFields(Supplier<Map<String, String>> supplier) {
        // Accepted and not sent: trailers are optional for a recipient (RFC 9110 §6.5).
    }

    @Override
    public String encodeURL(String url) {
        return url;
    }

    @Override
    public String encodeRedirectURL(String url) {
        return url;
    }

    // ---- content type and encoding

    @Override
    public void setContentType(String type) {
        if (isCommitted()) {
            return;
        }
        if (type == null) {
            mimeType = null;
            if (output != Output.WRITER) {
                encoding = null;
            }
            return;
        }
        String charset = ContentTypes.charset(type);
        int semi = type.indexOf(';');
        mimeType = (semi < 0 ? type : type.substring(0, semi)).trim();
        if (charset != null && output != Output.WRITER) {
            encoding = charset;
        }
    }

    @Override
    public String getContentType() {
        if (mimeType == null) {
            return null;
        }
        String charset = encoding != null ? encoding : output == Output.WRITER ? getCharacterEncoding() : null;
        return charset == null ? mimeType : mimeType + ";charset=" + charset;
    }

    @Override
    public void setCharacterEncoding(String charset) {
        if (!isCommitted() && output != Output.WRITER) {
            encoding = charset;
        }
    }

    @Override
    public String getCharacterEncoding() {
        return encoding != null ? encoding : defaultEncoding != null ? defaultEncoding : "ISO-8859-1";
    }

    @Override
    public void setLocale(Locale loc) {
        if (!isCommitted() && loc != null) {
            locale = loc;
        }
    }

    @Override
    public Locale getLocale() {
        return locale != null ? locale : Locale.getDefault();
    }

    @Override
    public void setContentLength(int len) {
        setContentLengthLong(len);
    }

    @Override
    public void setContentLengthLong(long len) {
        if (!isCommitted()) {
            declaredLength = len;
        }
    }

    // ---- body

    @Override
    public ServletOutputStream getOutputStream() {
        if (output == Output.WRITER) {
            throw new IllegalStateException("getWriter() has already been called for this response");
        }
        output = Output.STREAM;
        return body;
    }

    @Override
    public PrintWriter getWriter() {
        if (output == Output.STREAM) {
            throw new IllegalStateException("getOutputStream() has already been called for this response");
        }
        if (printWriter == null) {
            Charset charset;
            try {
                charset = Charset.forName(getCharacterEncoding());
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                charset = StandardCharsets.ISO_8859_1;
            }
            output = Output.WRITER;
            writer = new ResponseWriter(body, charset);
            printWriter = new PrintWriter(writer, false);
        }
        return printWriter;
    }

    @Override
    public void setBufferSize(int size) {
        if (isCommitted() || body.written() > 0) {
            throw new IllegalStateException("setBufferSize after content was written");
        }
        body.resize(size);
    }

    @Override
    public int getBufferSize() {
        return body.size();
    }

    @Override
    public void flushBuffer() throws IOException {
        flushWriter();
        body.flush();
    }

    @Override
    public void resetBuffer() {
        if (isCommitted()) {
            throw new IllegalStateException("resetBuffer after the response was committed");
        }
        if (writer != null) {
            writer.clear();
        }
        body.clear();
    }

    @Override
    public boolean isCommitted() {
        return body.committed();
    }

    @Override
    public void reset() {
        if (isCommitted()) {
            throw new IllegalStateException("reset after the response was committed");
        }
        resetBuffer();
        fields.clear();
        status = 200;
        mimeType = null;
        encoding = null;
        locale = null;
        declaredLength = -1;
        output = Output.NONE;
        writer = null;
        printWriter = null;
        errorPending = false;
        errorMessage = null;
        body.suspend(false);
    }
}
