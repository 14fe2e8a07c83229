package dev.eventcommerce.user.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: failed logins are counted per username and per client address in token
 * buckets (bucket4j); once either is empty, logins for it answer 429 with {@code Retry-After} until it
 * refills, without even checking the password. A successful login forgives the username's failures.
 * The buckets live in this instance's memory, bounded and expiring (Caffeine).
 */
@Component
class LoginThrottle {

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(30))
            .build();
    private final int perUsername;
    private final int perClient;
    private final Duration window;

    LoginThrottle(@Value("${eventcommerce.users.login-failures-per-username:5}") int perUsername,
                  @Value("${eventcommerce.users.login-failures-per-client:20}") int perClient,
                  @Value("${eventcommerce.users.login-failure-window:5m}") Duration window) {
        this.perUsername = perUsername;
        this.perClient = perClient;
        this.window = window;
    }

    /** How long this login must wait, if its username or its client has failed too often lately. */
    OptionalLong secondsToWait(String username, String client) {
        long wait = Math.max(nanosToWait(userBucket(username)), nanosToWait(clientBucket(client)));
        return wait > 0 ? OptionalLong.of(Math.max(1, Duration.ofNanos(wait).toSeconds())) : OptionalLong.empty();
    }

    void failed(String username, String client) {
        userBucket(username).tryConsume(1);
        clientBucket(client).tryConsume(1);
    }

    void succeeded(String username) {
        buckets.invalidate(userKey(username));
    }

    private Bucket userBucket(String username) {
        return buckets.get(userKey(username), key -> bucket(perUsername));
    }

    private Bucket clientBucket(String client) {
        return buckets.get("client:" + client, key -> bucket(perClient));
    }

    private Bucket bucket(int failures) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(failures).refillGreedy(failures, window).build())
                .build();
    }

    private static long nanosToWait(Bucket bucket) {
        return bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
    }

    private static String userKey(String username) {
        return "user:" + username.toLowerCase(Locale.ROOT);
    }
}
