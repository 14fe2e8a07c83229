package dev.eventcommerce.kernel.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessTokensTest {

    private static final String SECRET = "a-test-secret-of-more-than-thirty-two-bytes";
    private static final AuthProperties PROPERTIES =
            new AuthProperties(SECRET, 30, "event-commerce", Duration.ofSeconds(2), "unused");
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private final AccessTokens tokens = tokensAt(NOW, userId -> userId == 99);

    @Test
    void anIssuedTokenVerifiesToItsUser() {
        String token = tokens.issue(7, "alice", List.of("user")).token();

        AuthenticatedUser user = tokens.verify(token);

        assertThat(user.userId()).isEqualTo(7);
        assertThat(user.username()).isEqualTo("alice");
        assertThat(user.roles()).containsExactly("user");
        assertThat(user.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
        assertThat(user.isAdmin()).isFalse();
    }

    @Test
    void theSubjectIsTheUsernameAsInTheSeedsTokens() {
        String token = tokens.issue(7, "alice", List.of("user")).token();
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);

        assertThat(payload).contains("\"sub\":\"alice\"").contains("\"user_id\":7");
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = tokensAt(NOW.minus(Duration.ofMinutes(31)), id -> false).issue(7, "alice", List.of("user")).token();

        assertThatThrownBy(() -> tokens.verify(token))
                .isInstanceOf(InvalidTokenException.class).hasMessage("Token has expired");
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        String other = new AccessTokens(new SigningKey("another-secret-of-more-than-thirty-two-bytes"), PROPERTIES,
                id -> false, Clock.fixed(NOW, ZoneOffset.UTC)).issue(7, "alice", List.of("admin")).token();

        assertThatThrownBy(() -> tokens.verify(other)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void anUnsignedTokenIsRefused() {
        String unsigned = Jwts.builder().issuer("event-commerce").subject("alice").claim("user_id", 7)
                .claim("roles", List.of("admin")).expiration(Date.from(NOW.plusSeconds(600))).compact();

        assertThat(unsigned).endsWith(".");
        assertThatThrownBy(() -> tokens.verify(unsigned)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void aTokenWithATamperedPayloadIsRefused() {
        String[] parts = tokens.issue(7, "alice", List.of("user")).token().split("\\.");
        String admin = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"iss\":\"event-commerce\",\"sub\":\"alice\",\"user_id\":7,\"roles\":[\"admin\"],\"exp\":"
                        + NOW.plusSeconds(600).getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> tokens.verify(parts[0] + "." + admin + "." + parts[2]))
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        String foreign = Jwts.builder().issuer("someone-else").subject("alice").claim("user_id", 7)
                .claim("roles", List.of("user")).expiration(Date.from(NOW.plusSeconds(600)))
                .signWith(Keys.hmacShaKeyFor(SECRET.getBytes(StandardCharsets.UTF_8))).compact();

        assertThatThrownBy(() -> tokens.verify(foreign)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void aTokenWithoutTheUserIdClaimIsRefused() {
        String noId = Jwts.builder().issuer("event-commerce").subject("alice").claim("roles", List.of("user"))
                .expiration(Date.from(NOW.plusSeconds(600)))
                .signWith(Keys.hmacShaKeyFor(SECRET.getBytes(StandardCharsets.UTF_8))).compact();

        assertThatThrownBy(() -> tokens.verify(noId)).hasMessageContaining("user_id");
    }

    @Test
    void aDeactivatedUsersTokenIsRefused() {
        String token = tokens.issue(99, "mallory", Set.of("user")).token();

        assertThatThrownBy(() -> tokens.verify(token)).hasMessage("User is deactivated");
    }

    @Test
    void garbageIsRefused() {
        assertThatThrownBy(() -> tokens.verify("not.a.jwt")).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> tokens.verify("")).hasMessage("Missing bearer token");
    }

    private static AccessTokens tokensAt(Instant now, java.util.function.LongPredicate deactivated) {
        return new AccessTokens(new SigningKey(SECRET), PROPERTIES, deactivated, Clock.fixed(now, ZoneOffset.UTC));
    }
}
