package dev.eventcommerce.user.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Failed logins in Redis, shared by every instance: a hash per subject of its count ({@code n}) and the time of
 * its last failure ({@code at}, Redis's own clock in milliseconds, so instances need not agree on the time).
 * A failure increments, stamps and renews the key's expiry in one script, so concurrent failures on several
 * instances are all counted; a key exists only from a failure until {@code memory} after the last one.
 */
final class RedisLoginFailures implements LoginFailures {

    private static final RedisScript<Long> RECORD = RedisScript.of("""
            local time = redis.call('TIME')
            local now = string.format('%d', tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000))
            for _, key in ipairs(KEYS) do
              redis.call('HINCRBY', key, 'n', 1)
              redis.call('HSET', key, 'at', now)
              redis.call('PEXPIRE', key, ARGV[1])
            end
            return #KEYS
            """, Long.class);

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> READ = RedisScript.of("""
            local time = redis.call('TIME')
            local seen = {time[1], time[2]}
            for _, key in ipairs(KEYS) do
              local failures = redis.call('HMGET', key, 'n', 'at')
              seen[#seen + 1] = failures[1] or '0'
              seen[#seen + 1] = failures[2] or '0'
            end
            return seen
            """, List.class);

    private final StringRedisTemplate redis;
    private final ThrottleKeys keys;
    private final String memoryMillis;

    RedisLoginFailures(StringRedisTemplate redis, ThrottleKeys keys, Duration memory) {
        this.redis = redis;
        this.keys = keys;
        this.memoryMillis = String.valueOf(Math.max(1, memory.toMillis()));
    }

    @Override
    public List<Seen> read(List<Subject> subjects) {
        List<?> reply = redis.execute(READ, keys(subjects));
        long now = Long.parseLong(reply.get(0).toString()) * 1000 + Long.parseLong(reply.get(1).toString()) / 1000;
        List<Seen> seen = new ArrayList<>(subjects.size());
        for (int i = 0; i < subjects.size(); i++) {
            long count = Long.parseLong(reply.get(2 + 2 * i).toString());
            long at = Long.parseLong(reply.get(3 + 2 * i).toString());
            seen.add(count == 0 ? Seen.NONE : new Seen(count, TimeUnit.MILLISECONDS.toNanos(Math.max(0, now - at))));
        }
        return seen;
    }

    @Override
    public void record(List<Subject> subjects) {
        redis.execute(RECORD, keys(subjects), memoryMillis);
    }

    @Override
    public void forget(List<Subject> subjects) {
        redis.delete(keys(subjects));
    }

    private List<String> keys(List<Subject> subjects) {
        return subjects.stream().map(subject -> keys.key("login:" + subject.kind(), subject.value())).toList();
    }
}
