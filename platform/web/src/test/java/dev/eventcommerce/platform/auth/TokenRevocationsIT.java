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
    void aDeactivationIsSeenByAnotherServiceWithinItsRefreshInterval() throws InterruptedException {
        TokenRevocations userService = new TokenRevocations(template, key, Duration.ofSeconds(60));
        TokenRevocations catalogService = new TokenRevocations(template, key, Duration.ofMillis(100));
        Thread.sleep(200);
        assertThat(catalogService.deactivated(42)).isFalse();

        userService.revoke(Map.of(42L, TokenRevocations.FOREVER));

        assertThat(userService.deactivated(42)).as("at once where it was deactivated").isTrue();
        awaitTrue(() -> catalogService.deactivated(42));
        assertThat(catalogService.revoked(42, Instant.now().plusSeconds(3600).getEpochSecond())).isTrue();
        userService.destroy();
        catalogService.destroy();
    }

    @Test
    void aPasswordChangeRevokesOnlyTheTokensIssuedBeforeIt() throws InterruptedException {
        TokenRevocations userService = new TokenRevocations(template, key, Duration.ofSeconds(60));
        TokenRevocations catalogService = new TokenRevocations(template, key, Duration.ofMillis(100));
        Instant changedAt = Instant.parse("2026-12-01T10:00:00.250Z");
        long validFrom = TokenRevocations.validFromAfter(changedAt);

        userService.revoke(Map.of(43L, validFrom));

        awaitTrue(() -> catalogService.revoked(43, changedAt.getEpochSecond()));
        assertThat(catalogService.revoked(43, changedAt.getEpochSecond()))
                .as("a token issued earlier in the same second as the change").isTrue();
        assertThat(catalogService.revoked(43, validFrom)).as("a token dated after the change").isFalse();
        assertThat(catalogService.deactivated(43)).isFalse();
        assertThat(catalogService.revoked(44, 0)).as("other users").isFalse();
        userService.destroy();
        catalogService.destroy();
    }

    @Test
    void aLaterRevocationIsNeverUndoneByAnEarlierOne() {
        TokenRevocations users = new TokenRevocations(template, key, Duration.ofSeconds(60));

        users.revoke(Map.of(45L, TokenRevocations.FOREVER));
        users.revoke(Map.of(45L, 1_000L));

        assertThat(users.deactivated(45)).isTrue();
        assertThat(template.opsForHash().get(key, "45")).isEqualTo(String.valueOf(TokenRevocations.FOREVER));
        users.destroy();
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
        TokenRevocations users = new TokenRevocations(new StringRedisTemplate(closedPort), key, Duration.ofMillis(100));

        users.revoke(Map.of(7L, TokenRevocations.FOREVER));

        assertThat(users.deactivated(7)).isTrue();
        assertThat(users.deactivated(8)).isFalse();
        users.destroy();
        closedPort.destroy();
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as("within seconds in another service").isTrue();
    }

    static LettuceConnectionFactory connect(int port) {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofMillis(300)).build());
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }
}
