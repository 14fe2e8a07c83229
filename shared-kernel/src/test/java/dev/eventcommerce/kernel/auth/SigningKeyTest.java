package dev.eventcommerce.kernel.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SigningKeyTest {

    private static final String SEED_DEFAULT = "your-secret-key-change-this-in-production-min-32-characters-required";

    @Test
    void aKeyShorterThan32BytesIsRefused() {
        assertThatThrownBy(() -> SigningKey.of("0123456789abcdef0123456789abcde", true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least 32 bytes");
    }

    @Test
    void aMissingKeyIsRefused() {
        assertThatThrownBy(() -> SigningKey.of(null, true)).hasMessageContaining("not set");
        assertThatThrownBy(() -> SigningKey.of("  ", true)).hasMessageContaining("not set");
    }

    @Test
    void theSeedsWellKnownDefaultIsRefusedOutsideTheLocalProfile() {
        assertThatThrownBy(() -> SigningKey.of(SEED_DEFAULT, false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("published example");
    }

    @Test
    void theWellKnownDefaultIsAcceptedUnderTheLocalProfile() {
        assertThat(SigningKey.of(SEED_DEFAULT, true).value()).isEqualTo(SEED_DEFAULT);
    }

    @Test
    void aLongEnoughKeyOfOnesOwnIsAcceptedEverywhere() {
        String key = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        assertThat(SigningKey.of(key, false).value()).isEqualTo(key);
    }
}
