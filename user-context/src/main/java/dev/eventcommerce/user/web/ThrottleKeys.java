package dev.eventcommerce.user.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Redis keys of the throttles: a deployment's prefix, a kind, and the throttled thing (a canonical username, a
 * client address, a user id). What a caller sends can make that last part long; past {@value #MAX_PLAIN} bytes
 * it is replaced by its SHA-256 (marked by {@code #} instead of {@code :} so it never meets a plain part), so
 * no key is longer than the prefix and about 70 characters.
 */
final class ThrottleKeys {

    static final int MAX_PLAIN = 64;

    private final String prefix;

    ThrottleKeys(String prefix) {
        this.prefix = prefix;
    }

    String key(String kind, String part) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_PLAIN) {
            return prefix + kind + ":" + part;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return prefix + kind + "#" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
