package dev.eventcommerce.user.credentials;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How usernames are compared: a name is stored in Unicode NFKC (so that look-alike compatibility forms such
 * as full-width letters are one name) and unique by its canonical form, NFKC of its lower case, so that
 * {@code Alice} and {@code alice} cannot both exist. Names with characters a reader cannot see (format,
 * control, private-use, unassigned, separator and filler characters) are refused: they make two names
 * look alike.
 */
public final class Usernames {

    public static final int MIN_LENGTH = 3;
    public static final int MAX_LENGTH = 50;

    /** Invisible or format characters, and the blank "filler" letters that render as nothing. */
    private static final Pattern INVISIBLE = Pattern.compile(
            "[\\p{Cc}\\p{Cf}\\p{Co}\\p{Cn}\\p{Zl}\\p{Zp}\\u115F\\u1160\\u2800\\u3164\\uFFA0\\u034F\\u17B4\\u17B5]");

    private Usernames() {
    }

    /** The form a name is stored in. */
    public static String normalize(String username) {
        return Normalizer.normalize(username, Normalizer.Form.NFKC);
    }

    /** The form two names are compared in: equal canonical forms are the same name. */
    public static String canonical(String username) {
        return Normalizer.normalize(normalize(username).toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
    }

    /** Why this name cannot be registered, if it cannot. */
    public static Optional<String> problem(String username) {
        if (username == null || username.isBlank()) {
            return Optional.of("must not be blank");
        }
        if (INVISIBLE.matcher(username).find()) {
            return Optional.of("must not contain invisible, control or format characters");
        }
        String normalized = normalize(username);
        int length = normalized.codePointCount(0, normalized.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            return Optional.of("size must be between " + MIN_LENGTH + " and " + MAX_LENGTH);
        }
        if (!normalized.strip().equals(normalized)) {
            return Optional.of("must not begin or end with whitespace");
        }
        return Optional.empty();
    }
}
