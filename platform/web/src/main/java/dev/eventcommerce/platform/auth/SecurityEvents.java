package dev.eventcommerce.platform.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Security events on the {@value #LOGGER} logger, as structured fields a SIEM can alert on: refused
 * requests (401, 403), failed logins and throttling. A username is logged only as a hash (the first 16
 * hex digits of its SHA-256), a password never, a path without its query and at most 200 characters.
 */
public final class SecurityEvents {

    public static final String LOGGER = "security";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);
    private static final int MAX_PATH = 200;

    private SecurityEvents() {
    }

    /** A request refused for want of a valid token or a role. */
    public static void refused(HttpServletRequest request, int status, String reason) {
        log.atInfo().addKeyValue("event.category", "authentication")
                .addKeyValue("event.action", status == 403 ? "access-denied" : "authentication-refused")
                .addKeyValue("http.response.status_code", status)
                .addKeyValue("client.address", request.getRemoteAddr())
                .addKeyValue("url.path", printable(request.getRequestURI()))
                .addKeyValue("event.reason", reason)
                .log("security: {} {} refused with {}", request.getMethod(), printable(request.getRequestURI()), status);
    }

    /** A failed login, or one refused before the password was checked. */
    public static void loginFailed(String username, String client, String reason) {
        log.atWarn().addKeyValue("event.category", "authentication")
                .addKeyValue("event.action", "login-failed")
                .addKeyValue("user.hash", hash(username))
                .addKeyValue("client.address", client)
                .addKeyValue("event.reason", reason)
                .log("security: login failed ({})", reason);
    }

    /** A caller told to wait ({@code 429}) before trying again. */
    public static void throttled(String action, String username, String client, long retryAfterSeconds) {
        log.atWarn().addKeyValue("event.category", "authentication")
                .addKeyValue("event.action", action + "-throttled")
                .addKeyValue("user.hash", username == null ? null : hash(username))
                .addKeyValue("client.address", client)
                .addKeyValue("event.reason", "retry after " + retryAfterSeconds + " s")
                .log("security: {} throttled for {} s", action, retryAfterSeconds);
    }

    /** A short, stable stand-in for a username in logs: equal names give equal hashes. */
    public static String hash(String username) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(username.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String printable(String path) {
        if (path == null) {
            return "";
        }
        String cut = path.length() > MAX_PATH ? path.substring(0, MAX_PATH) + "..." : path;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
