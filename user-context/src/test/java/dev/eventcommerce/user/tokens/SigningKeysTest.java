package dev.eventcommerce.user.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import dev.eventcommerce.platform.auth.AuthProperties;
import dev.eventcommerce.platform.testing.TestTokens;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two keys at once, for a rotation that logs no one out: the first (or the named one) signs, both are published. */
class SigningKeysTest {

    private final ECKey newKey = TestTokens.generate();
    private final ECKey oldKey = TestTokens.generate();
    private final String both = new JWKSet(List.of(newKey, oldKey)).toString(false);

    @Test
    void theFirstKeySignsAndBothArePublishedWithoutTheirPrivateParts() {
        SigningKeys keys = SigningKeys.parse(both, "");

        assertThat(keys.signerId()).isEqualTo(newKey.getKeyID());
        assertThat(keys.publicKeys().getKeys()).extracting(key -> key.getKeyID())
                .containsExactly(newKey.getKeyID(), oldKey.getKeyID());
        assertThat(keys.publicKeys().getKeys()).noneMatch(key -> key.isPrivate());
        assertThat(keys.publicKeys().toString()).doesNotContain("\"d\"");
    }

    @Test
    void aNamedKeySignsAndTheTokenNamesIt() {
        SigningKeys keys = SigningKeys.parse(both, oldKey.getKeyID());
        AuthProperties properties = new AuthProperties(URI.create("http://127.0.0.1:1/jwks.json"), null,
                Duration.ofMinutes(5), Duration.ofSeconds(10), 30, "event-commerce", Duration.ofSeconds(30),
                Duration.ofSeconds(2), "unused");
        Instant now = Instant.parse("2026-12-01T10:00:00Z");

        AccessTokenIssuer.IssuedToken token = new AccessTokenIssuer(keys, properties, Clock.fixed(now, ZoneOffset.UTC))
                .issue(7, "alice", List.of("user"), now.getEpochSecond() + 1);
        String header = new String(Base64.getUrlDecoder().decode(token.token().split("\\.")[0]));
        String claims = new String(Base64.getUrlDecoder().decode(token.token().split("\\.")[1]));

        assertThat(header).contains("\"kid\":\"" + oldKey.getKeyID() + "\"").contains("\"alg\":\"ES256\"");
        assertThat(claims).as("dated no earlier than the last password change")
                .contains("\"iat\":" + (now.getEpochSecond() + 1));
        assertThat(token.expiresAt()).isEqualTo(now.plusSeconds(1).plus(Duration.ofMinutes(30)));
    }

    @Test
    void anUnknownSignerOrTwoKeysWithOneKidAreRefused() {
        assertThatThrownBy(() -> SigningKeys.parse(both, "nobody")).hasMessageContaining("nobody");
        assertThatThrownBy(() -> SigningKeys.parse(new JWKSet(List.of(newKey, newKey)).toString(false), ""))
                .hasMessageContaining("same kid");
    }
}
