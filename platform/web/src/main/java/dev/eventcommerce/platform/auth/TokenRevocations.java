package dev.eventcommerce.platform.auth;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The revocation signal for locally verified tokens: per user, the epoch second before which its tokens
 * are refused, in a Redis hash. A password change revokes the tokens issued before it; a deactivation
 * revokes every token, for good ({@link #FOREVER}). user-context writes it; every verifier holds a copy it
 * reloads every {@code eventcommerce.auth.revocation-refresh}, so revoked tokens stop working everywhere within that interval without a
 * Redis call per request. While Redis is unreachable the last copy stays in force (user-context
 * republishes the whole hash from its tables, so a restarted, empty Redis is refilled). A user's entry
 * only ever moves later: a stale or repeated publication cannot bring old tokens back.
 */
public class TokenRevocations {

    /** Tokens of a deactivated user: refused whenever they were issued. */
    public static final long FOREVER = Long.MAX_VALUE;

    private static final Logger log = LoggerFactory.getLogger(TokenRevocations.class);

    private final StringRedisTemplate redis;
    private final String key;
    private volatile Map<Long, Long> validFrom = Map.of();
    private volatile boolean reachable = true;

    public TokenRevocations(StringRedisTemplate redis, String key) {
        this.redis = redis;
        this.key = key;
    }

    /** Whether a token of this user issued at this epoch second is revoked. */
    public boolean revoked(long userId, long issuedAtEpochSecond) {
        Long from = validFrom.get(userId);
        return from != null && issuedAtEpochSecond < from;
    }

    public boolean deactivated(long userId) {
        Long from = validFrom.get(userId);
        return from != null && from == FOREVER;
    }

    /**
     * The first epoch second at which a token issued after a change at {@code changedAt} is valid: the
     * next whole second, so that a token issued earlier in the same second (tokens count in seconds) is
     * refused. The issuer dates new tokens no earlier than this.
     */
    public static long validFromAfter(Instant changedAt) {
        long seconds = changedAt.getEpochSecond();
        return changedAt.getNano() == 0 ? seconds : seconds + 1;
    }

    /** Revokes, here at once and in Redis for every other service, the tokens of these users before these seconds. */
    public void revoke(Map<Long, Long> validFromByUser) {
        if (validFromByUser.isEmpty()) {
            return;
        }
        validFrom = merge(validFrom, validFromByUser);
        try {
            Map<String, String> entries = new HashMap<>();
            validFromByUser.forEach((user, from) -> entries.put(String.valueOf(user), String.valueOf(from)));
            // a publication never moves an entry back: entries already later in Redis are kept
            Map<Object, Object> stored = redis.opsForHash().entries(key);
            entries.entrySet().removeIf(entry -> {
                Object current = stored.get(entry.getKey());
                return current != null && parse(current.toString()) >= Long.parseLong(entry.getValue());
            });
            if (!entries.isEmpty()) {
                redis.opsForHash().putAll(key, entries);
            }
        } catch (RuntimeException e) {
            log.warn("Cannot publish {} token revocations to Redis now: {}", validFromByUser.size(), e.getMessage());
        }
    }

    /** Reloads the copy; the first load waits a moment for the Redis connection to be established. */
    @Scheduled(fixedDelayString = "${eventcommerce.auth.revocation-refresh:2s}", initialDelay = 1000)
    public void refresh() {
        try {
            Map<Long, Long> loaded = new HashMap<>();
            redis.opsForHash().entries(key).forEach((user, from) -> {
                try {
                    loaded.put(Long.valueOf(user.toString()), parse(from.toString()));
                } catch (NumberFormatException ignored) {
                    // not ours: revocations are written by user-context only
                }
            });
            validFrom = merge(validFrom, loaded);
            if (!reachable) {
                log.info("Redis reachable again: token revocations reloaded ({} users)", loaded.size());
            }
            reachable = true;
        } catch (RuntimeException e) {
            if (reachable) {
                log.warn("Cannot reload the token revocations from Redis; keeping the last ones: {}", e.getMessage());
            }
            reachable = false;
        }
    }

    private static long parse(String value) {
        return Long.parseLong(value);
    }

    private static Map<Long, Long> merge(Map<Long, Long> current, Map<Long, Long> more) {
        boolean changes = more.entrySet().stream()
                .anyMatch(entry -> current.getOrDefault(entry.getKey(), Long.MIN_VALUE) < entry.getValue());
        if (!changes) {
            return current;
        }
        Map<Long, Long> merged = new HashMap<>(current);
        more.forEach((user, from) -> merged.merge(user, from, Math::max));
        return Map.copyOf(merged);
    }
}
