package dev.eventcommerce.user.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.eventcommerce.user.credentials.Usernames;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing without locking anyone out. Failed logins are counted per username and
 * client address, per username (from anywhere) and per client address (any username); once a count
 * reaches its free failures, the next attempt waits 1 s, and each further failure doubles the wait (2 s,
 * 4 s, ... up to a cap). Meanwhile logins for it answer 429 with {@code Retry-After}, without the password
 * being checked. So five wrong passwords from an attacker delay only the attacker's address: the owner
 * logging in from elsewhere is not held up until many more failures, and then by at most the username's
 * cap. A successful login forgives its username's failures.
 *
 * <p>State is created only by a failure, keyed by the canonical username (at most 50 characters, refused
 * before here otherwise) and the client address, and forgotten a while after the last failure: memory is
 * bounded whatever is sent (Caffeine, {@value #MAX_ENTRIES} entries at most).
 */
@Component
class LoginThrottle {

    static final int MAX_ENTRIES = 100_000;

    private final Cache<String, Failures> failures;
    private final Limit perUsernameAndClient;
    private final Limit perUsername;
    private final Limit perClient;
    private final LongSupplier nanoTime;

    @Autowired
    LoginThrottle(@Value("${eventcommerce.users.login-free-failures:5}") int freeFailures,
                  @Value("${eventcommerce.users.login-delay-cap:5m}") Duration delayCap,
                  @Value("${eventcommerce.users.login-free-failures-per-username:20}") int freePerUsername,
                  @Value("${eventcommerce.users.login-username-delay-cap:1m}") Duration usernameDelayCap,
                  @Value("${eventcommerce.users.login-failures-per-client:50}") int freePerClient,
                  @Value("${eventcommerce.users.login-failure-memory:30m}") Duration memory) {
        this(freeFailures, delayCap, freePerUsername, usernameDelayCap, freePerClient, memory, System::nanoTime);
    }

    LoginThrottle(int freeFailures, Duration delayCap, int freePerUsername, Duration usernameDelayCap,
                  int freePerClient, Duration memory, LongSupplier nanoTime) {
        this.perUsernameAndClient = new Limit(freeFailures, delayCap);
        this.perUsername = new Limit(freePerUsername, usernameDelayCap);
        this.perClient = new Limit(freePerClient, delayCap);
        this.nanoTime = nanoTime;
        this.failures = Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .expireAfterWrite(memory.toNanos(), TimeUnit.NANOSECONDS)
                .ticker(nanoTime::getAsLong)
                .build();
    }

    /** How long this login must wait, if failures for it have been many lately; creates no state. */
    OptionalLong secondsToWait(String username, String client) {
        long now = nanoTime.getAsLong();
        String name = Usernames.canonical(username);
        long wait = Math.max(wait(perUsernameAndClient, "uc:" + name + "|" + client, now),
                Math.max(wait(perUsername, "u:" + name, now), wait(perClient, "c:" + client, now)));
        return wait > 0 ? OptionalLong.of(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait + 999_999_999))) : OptionalLong.empty();
    }

    void failed(String username, String client) {
        long now = nanoTime.getAsLong();
        String name = Usernames.canonical(username);
        for (String key : new String[] {"uc:" + name + "|" + client, "u:" + name, "c:" + client}) {
            failures.asMap().compute(key, (k, current) -> current == null ? new Failures(1, now) : current.plusOne(now));
        }
    }

    void succeeded(String username, String client) {
        String name = Usernames.canonical(username);
        failures.invalidate("uc:" + name + "|" + client);
        failures.invalidate("u:" + name);
    }

    long entries() {
        failures.cleanUp();
        return failures.estimatedSize();
    }

    private long wait(Limit limit, String key, long now) {
        Failures seen = failures.getIfPresent(key);
        if (seen == null || seen.count() < limit.free()) {
            return 0;
        }
        return Math.max(0, seen.lastAt() + limit.delayAfter(seen.count()) - now);
    }

    private record Failures(int count, long lastAt) {

        Failures plusOne(long now) {
            return new Failures(count == Integer.MAX_VALUE ? count : count + 1, now);
        }
    }

    /** After {@code free} failures the next attempt waits 1 s, doubling with each failure, up to {@code cap}. */
    private record Limit(int free, Duration cap) {

        long delayAfter(int count) {
            int doublings = Math.min(count - free, 30);
            long delay = TimeUnit.SECONDS.toNanos(1) << doublings;
            return Math.min(delay, cap.toNanos());
        }
    }
}
