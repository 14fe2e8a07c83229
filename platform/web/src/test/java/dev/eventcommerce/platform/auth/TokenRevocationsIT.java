package dev.eventcommerce.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The revocation signal through the real Redis on localhost. */
class TokenRevocationsIT {

    private final String key = "it:" + UUID.randomUUID() + ":token-revocations";
    private final LettuceConnectionFactory redis = connect(6379);
    private final StringRedisTemplate template = new StringRedisTemplate(redis);

    @AfterEach
    void cleanUp() {
        template.delete(key);
        redis.destroy();
    }

    @Test
    void aDeactivationIsSeenByAnotherServiceAtItsNextReload() {
        TokenRevocations userService = new TokenRevocations(template, key);
        TokenRevocations catalogService = new TokenRevocations(template, key);
        catalogService.refresh();
        assertThat(catalogService.deactivated(42)).isFalse();

        userService.revoke(Map.of(42L, TokenRevocations.FOREVER));

        assertThat(userService.deactivated(42)).as("at once where it was deactivated").isTrue();
        assertThat(catalogService.deactivated(42)).as("not before its next reload").isFalse();
        catalogService.refresh();
        assertThat(catalogService.deactivated(42)).as("at its next reload").isTrue();
        assertThat(catalogService.revoked(42, Instant.now().plusSeconds(3600).getEpochSecond())).isTrue();
    }

    @Test
    void aPasswordChangeRevokesOnlyTheTokensIssuedBeforeIt() {
        TokenRevocations userService = new TokenRevocations(template, key);
        TokenRevocations catalogService = new TokenRevocations(template, key);
        Instant changedAt = Instant.parse("2026-12-01T10:00:00.250Z");
        long validFrom = TokenRevocations.validFromAfter(changedAt);

        userService.revoke(Map.of(43L, validFrom));

        catalogService.refresh();
        assertThat(catalogService.revoked(43, changedAt.getEpochSecond()))
                .as("a token issued earlier in the same second as the change").isTrue();
        assertThat(catalogService.revoked(43, validFrom)).as("a token dated after the change").isFalse();
        assertThat(catalogService.deactivated(43)).isFalse();
        assertThat(catalogService.revoked(44, 0)).as("other users").isFalse();
    }

    @Test
    void aLaterRevocationIsNeverUndoneByAnEarlierOne() {
        TokenRevocations users = new TokenRevocations(template, key);

        users.revoke(Map.of(45L, TokenRevocations.FOREVER));
        users.revoke(Map.of(45L, 1_000L));

        assertThat(users.deactivated(45)).isTrue();
        assertThat(template.opsForHash().get(key, "45")).isEqualTo(String.valueOf(TokenRevocations.FOREVER));
    }

    @Test
    void theNextWholeSecondAfterAChangeIsWhenNewTokensAreValid() {
        assertThat(TokenRevocations.validFromAfter(Instant.ofEpochSecond(100, 1))).isEqualTo(101);
        assertThat(TokenRevocations.validFromAfter(Instant.ofEpochSecond(100, 999_999_999))).isEqualTo(101);
        assertThat(TokenRevocations.validFromAfter(Instant.ofEpochSecond(100))).isEqualTo(100);
    }

    @Test
    void withRedisUnreachableARevocationStillHoldsLocallyAndNothingThrows() {
        LettuceConnectionFactory closedPort = connect(1);
        TokenRevocations users = new TokenRevocations(new StringRedisTemplate(closedPort), key);

        users.revoke(Map.of(7L, TokenRevocations.FOREVER));

        assertThat(users.deactivated(7)).isTrue();
        assertThat(users.deactivated(8)).isFalse();
        closedPort.destroy();
    }

    static LettuceConnectionFactory connect(int port) {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofMillis(300)).build());
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }
}
