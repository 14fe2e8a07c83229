package dev.eventcommerce.kernel.auth;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The revocation signal for locally verified tokens: the ids of deactivated users, kept in the Redis set
 * {@value #KEY}. user-context adds to it; every verifier holds a copy it reloads every few seconds, so a
 * deactivated user's tokens stop working everywhere within that interval without a Redis call per request.
 * While Redis is unreachable the last copy stays in force (user-context republishes the whole set from
 * its read model, so a restarted, empty Redis is refilled).
 */
public class DeactivatedUsers implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeactivatedUsers.class);

    private final StringRedisTemplate redis;
    private final String key;
    private final ScheduledExecutorService refresher;
    private volatile Set<Long> ids = Set.of();
    private volatile boolean reachable = true;

    public DeactivatedUsers(StringRedisTemplate redis, String key, Duration refreshInterval) {
        this.redis = redis;
        this.key = key;
        this.refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "deactivated-users-refresh");
            thread.setDaemon(true);
            return thread;
        });
        // the first load waits a moment for the Redis connection to be established
        refresher.scheduleWithFixedDelay(this::refresh, 1000, refreshInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean contains(long userId) {
        return ids.contains(userId);
    }

    /** Marks users as deactivated here at once and in Redis for every other service. */
    public void add(Set<Long> userIds) {
        if (userIds.isEmpty()) {
            return;
        }
        ids = union(ids, userIds);
        try {
            redis.opsForSet().add(key, userIds.stream().map(String::valueOf).toArray(String[]::new));
        } catch (RuntimeException e) {
            log.warn("Cannot publish {} deactivated users to Redis now: {}", userIds.size(), e.getMessage());
        }
    }

    void refresh() {
        try {
            Set<String> members = redis.opsForSet().members(key);
            Set<Long> loaded = members == null ? Set.of()
                    : members.stream().map(Long::valueOf).collect(Collectors.toUnmodifiableSet());
            ids = union(ids, loaded);
            if (!reachable) {
                log.info("Redis reachable again: revocation list reloaded ({} users)", loaded.size());
            }
            reachable = true;
        } catch (RuntimeException e) {
            if (reachable) {
                log.warn("Cannot reload the revocation list from Redis; keeping the last one: {}", e.getMessage());
            }
            reachable = false;
        }
    }

    private static Set<Long> union(Set<Long> a, Set<Long> b) {
        if (a.containsAll(b)) {
            return a;
        }
        return Stream.concat(a.stream(), b.stream()).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void destroy() {
        refresher.shutdownNow();
    }
}
