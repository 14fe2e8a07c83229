package dev.eventcommerce.user.credentials;

import com.nulabinc.zxcvbn.StandardDictionaries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a new password must be (NIST SP 800-63B, 3.1.1.2): at least {@value #MIN_LENGTH} characters, at most
 * {@value Credentials#MAX_PASSWORD_BYTES} bytes (what bcrypt reads), not only whitespace, not the username,
 * and not one of the 30,000 most common passwords (zxcvbn's list, compared without case). Only new
 * passwords are checked: existing accounts keep logging in with the passwords they have.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;

    /** Lower-case common password → rank. */
    private static final Map<String, Integer> COMMON = load();

    private PasswordPolicy() {
    }

    /** Why this password cannot be chosen by this user, if it cannot. */
    public static Optional<String> problem(String password, String username) {
        if (password == null) {
            return Optional.of("is required");
        }
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("must be at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > Credentials.MAX_PASSWORD_BYTES) {
            return Optional.of("must be at most " + Credentials.MAX_PASSWORD_BYTES + " bytes");
        }
        if (password.isBlank()) {
            return Optional.of("must not be only whitespace");
        }
        if (username != null && Usernames.canonical(password.strip()).equals(Usernames.canonical(username.strip()))) {
            return Optional.of("must not be the username");
        }
        if (COMMON.containsKey(password.toLowerCase(Locale.ROOT))) {
            return Optional.of("is one of the most common passwords; choose another");
        }
        return Optional.empty();
    }

    private static Map<String, Integer> load() {
        try {
            return StandardDictionaries.PASSWORDS_LOADER.load().getRankedDictionary();
        } catch (IOException e) {
            throw new UncheckedIOException("zxcvbn's list of common passwords cannot be read", e);
        }
    }
}
