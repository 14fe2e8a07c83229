package dev.eventcommerce.user.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The throttles' state in the real Redis on localhost, and what they do while it cannot be reached. */
@ExtendWith(OutputCaptureExtension.class)
class ThrottlesInRedisIT {

    private static final Duration MEMORY = Duration.ofMinutes(30);

    private final String prefix = "it:" + UUID.randomUUID() + ":throttle:";
    private final LettuceConnectionFactory redis = connect(6379);
    private final StringRedisTemplate template = new StringRedisTemplate(redis);
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        template.delete(keys());
        for (AutoCloseable closeable : closing) {
            closeable.close();
        }
        redis.destroy();
    }

    @Test
    void loginStateIsMadeOnlyByAFailureAndEveryKeyExpiresAndIsShort() {
        LoginThrottle throttle = loginThrottle(template);
        for (int i = 0; i < 200; i++) {
            assertThat(throttle.secondsToWait("user" + i, "10.0.0." + i)).isEmpty();
        }
        assertThat(keys()).as("asking creates nothing").isEmpty();

        String longClient = "x".repeat(5_000);
        throttle.failed("ａｌｉｃｅ".repeat(10), longClient);

        List<String> keys = keys();
        assertThat(keys).hasSize(3);
        for (String key : keys) {
            assertThat(key.length()).as(key).isLessThanOrEqualTo(prefix.length() + 80);
            assertThat(template.getExpire(key)).as("expires: " + key).isPositive()
                    .isLessThanOrEqualTo(MEMORY.toSeconds());
        }
        assertThat(throttle.entries()).as("nothing in this instance's memory").isZero();
    }

    @Test
    void twoThrottlesOnOneRedisCountEachOthersFailuresAndForgiveTogether() {
        LoginThrottle a = loginThrottle(template);
        LoginThrottle b = loginThrottle(template);

        for (int i = 0; i < 5; i++) {
            (i % 2 == 0 ? a : b).failed("Alice", "10.0.0.1");
        }

        assertThat(b.secondsToWait("alice", "10.0.0.1")).hasValue(1);
        assertThat(a.secondsToWait("ALICE", "10.0.0.1")).hasValue(1);
        a.succeeded("alice", "10.0.0.1");
        assertThat(b.secondsToWait("alice", "10.0.0.1")).isEmpty();
    }

    @Test
    void bucketsAreSharedAndEveryBucketKeyExpires() {
        RequestThrottles a = requestThrottles(redis);
        RequestThrottles b = requestThrottles(redis);

        assertThat(a.registration("10.0.0.1")).isEmpty();
        assertThat(b.registration("10.0.0.1")).isEmpty();
        assertThat(a.registration("10.0.0.1")).as("third from one client, on either").isPresent();
        assertThat(b.passwordChange(7)).isEmpty();
        assertThat(a.passwordChange(7)).isEmpty();
        assertThat(b.passwordChange(7)).isPresent();
        assertThat(a.registration("y".repeat(5_000))).isEmpty();

        for (String key : keys()) {
            assertThat(key.length()).as(key).isLessThanOrEqualTo(prefix.length() + 80);
            assertThat(template.getExpire(key)).as("expires: " + key).isPositive()
                    .isLessThanOrEqualTo(Duration.ofHours(1).plusSeconds(2).toSeconds());
        }
        assertThat(keys()).hasSize(4);
    }

    @Test
    void withRedisUnreachableTheThrottlesStillLimitThisInstanceAndSaySoOnce(CapturedOutput output) {
        LettuceConnectionFactory closedPort = connect(1);
        closing.add(closedPort::destroy);
        LoginThrottle logins = loginThrottle(new StringRedisTemplate(closedPort));
        RequestThrottles requests = requestThrottles(closedPort);

        for (int i = 0; i < 5; i++) {
            assertThat(logins.secondsToWait("alice", "10.0.0.1")).isEmpty();
            logins.failed("alice", "10.0.0.1");
        }
        assertThat(logins.secondsToWait("alice", "10.0.0.1")).as("still delayed, by this instance").hasValue(1);
        logins.succeeded("alice", "10.0.0.1");
        assertThat(logins.secondsToWait("alice", "10.0.0.1")).isEmpty();

        assertThat(requests.registration("10.0.0.1")).isEmpty();
        assertThat(requests.registration("10.0.0.1")).isEmpty();
        assertThat(requests.registration("10.0.0.1")).as("still limited, by this instance").isPresent();

        assertThat(occurrences(output.getAll(), "Redis unusable for the login throttle")).isEqualTo(1);
        assertThat(occurrences(output.getAll(), "Redis unusable for the request throttles")).isEqualTo(1);
    }

    private LoginThrottle loginThrottle(StringRedisTemplate redis) {
        return new LoginThrottle(5, Duration.ofMinutes(5), 20, Duration.ofMinutes(1), 50, MEMORY, prefix, redis);
    }

    private RequestThrottles requestThrottles(LettuceConnectionFactory redis) {
        RequestThrottles throttles = new RequestThrottles(2, 5, Duration.ofHours(1), 2, Duration.ofMinutes(15), prefix,
                redis);
        closing.add(throttles::destroy);
        return throttles;
    }

    private List<String> keys() {
        List<String> keys = new ArrayList<>();
        try (Cursor<String> cursor = template.scan(ScanOptions.scanOptions().match(prefix + "*").count(1000).build())) {
            cursor.forEachRemaining(keys::add);
        }
        return keys;
    }

    private static int occurrences(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    private static LettuceConnectionFactory connect(int port) {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofMillis(300)).build());
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }
}
