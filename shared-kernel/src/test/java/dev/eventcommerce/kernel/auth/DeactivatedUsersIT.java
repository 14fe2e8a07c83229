package dev.eventcommerce.kernel.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The revocation signal through the real Redis on localhost. */
class DeactivatedUsersIT {

    private final String key = "it:" + UUID.randomUUID() + ":deactivated-users";
    private final LettuceConnectionFactory redis = connect(6379);
    private final StringRedisTemplate template = new StringRedisTemplate(redis);

    @AfterEach
    void cleanUp() {
        template.delete(key);
        redis.destroy();
    }

    @Test
    void aDeactivationIsSeenByAnotherServiceWithinItsRefreshInterval() throws InterruptedException {
        DeactivatedUsers userService = new DeactivatedUsers(template, key, Duration.ofSeconds(60));
        DeactivatedUsers catalogService = new DeactivatedUsers(template, key, Duration.ofMillis(100));
        Thread.sleep(200);
        assertThat(catalogService.contains(42)).isFalse();

        userService.add(Set.of(42L));

        assertThat(userService.contains(42)).as("at once where it was deactivated").isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!catalogService.contains(42) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(catalogService.contains(42)).as("within seconds in another service").isTrue();
        assertThat(template.opsForSet().isMember(key, "42")).isTrue();
        userService.destroy();
        catalogService.destroy();
    }

    @Test
    void withRedisUnreachableADeactivationStillHoldsLocallyAndNothingThrows() {
        LettuceConnectionFactory closedPort = connect(1);
        DeactivatedUsers users = new DeactivatedUsers(new StringRedisTemplate(closedPort), key, Duration.ofMillis(100));

        users.add(Set.of(7L));

        assertThat(users.contains(7)).isTrue();
        assertThat(users.contains(8)).isFalse();
        users.destroy();
        closedPort.destroy();
    }

    private static LettuceConnectionFactory connect(int port) {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofMillis(300)).build());
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }
}
