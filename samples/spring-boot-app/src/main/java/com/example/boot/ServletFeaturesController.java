package com.example.boot;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.view.RedirectView;

/** What a Servlet container must get right under Spring: redirects, cookies, multipart, errors. */
@RestController
public class ServletFeaturesController {

    static final String COOKIE = "visitor";

    /** {@code GET /redirect}: 302 to {@code /hello} (under the context path). */
    @GetMapping("/redirect")
    public RedirectView redirect() {
        return new RedirectView("/hello", true);
    }

    /** {@code GET /cookie?value=V}: sets the cookie {@code visitor=V} (default {@code corral}). */
    @GetMapping("/cookie")
    public Map<String, String> cookie(@RequestParam(defaultValue = "corral") String value,
                                      HttpServletResponse response) {
        Cookie cookie = new Cookie(COOKIE, value);
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        response.addCookie(cookie);
        return Map.of(COOKIE, value);
    }

    /** {@code GET /whoami}: the {@code visitor} cookie sent back, or {@code anonymous}. */
    @GetMapping("/whoami")
    public Map<String, String> whoami(@CookieValue(name = COOKIE, defaultValue = "anonymous") String visitor) {
        return Map.of(COOKIE, visitor);
    }

    /** {@code POST /upload} (multipart, part {@code file}, up to 10 MB): its name, size and SHA-256. */
    @PostMapping(path = "/upload", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public Map<String, Object> upload(@RequestParam("file") MultipartFile file)
            throws IOException, NoSuchAlgorithmException {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        long size = 0;
        try (InputStream in = file.getInputStream()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) != -1; size += n) {
                sha256.update(buffer, 0, n);
            }
        }
        return Map.of(
                "name", String.valueOf(file.getOriginalFilename()),
                "size", size,
                "sha256", HexFormat.of().formatHex(sha256.digest()));
    }

    /** {@code GET /boom}: throws, so Boot's error handling answers 500 with its JSON error body. */
    @GetMapping("/boom")
    public String boom() {
        throw new IllegalStateException("boom");
    }

    /** {@code GET /pid}: the serving JVM's process id, as text. */
    @GetMapping(path = "/pid", produces = MediaType.TEXT_PLAIN_VALUE)
    public String pid() {
        return Long.toString(ProcessHandle.current().pid());
    }
}
