package dev.eventcommerce.kernel.auth;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The HS256 secret, checked before anything can sign or verify with it: at least 32 bytes, and never a
 * published example value outside the {@code local} profile.
 */
public record SigningKey(String value) {

    /** Example keys from the seed's documentation and ours: fine on a laptop, fatal in production. */
    static final Set<String> WELL_KNOWN = Set.of(
            "your-secret-key-change-this-in-production-min-32-characters-required",
            "your-secret-key-min-32-characters",
            "local-development-secret-key-not-for-production-use");

    private static final int MIN_BYTES = 32;

    public SigningKey {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("SECRET_KEY is not set");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length < MIN_BYTES) {
            throw new IllegalStateException("SECRET_KEY must be at least " + MIN_BYTES + " bytes for HS256");
        }
    }

    /** Validates the key for an environment; {@code localProfile} allows the well-known development keys. */
    public static SigningKey of(String value, boolean localProfile) {
        SigningKey key = new SigningKey(value);
        if (!localProfile && WELL_KNOWN.contains(value)) {
            throw new IllegalStateException(
                    "SECRET_KEY is a published example value; set a secret of your own (e.g. openssl rand -hex 32)"
                            + " or run with the 'local' profile");
        }
        return key;
    }
}
