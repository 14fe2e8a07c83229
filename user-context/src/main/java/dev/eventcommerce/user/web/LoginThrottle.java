package dev.eventcommerce.user.web;

import dev.eventcommerce.user.credentials.Usernames;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
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
 * <p>The counts are kept in Redis, so every instance of the service sees every failure: guesses spread over
 * N instances count as much as on one. State is created only by a failure, keyed by the canonical username
 * (at most 50 characters, refused before here otherwise) and the client address (hashed when long), and
 * forgotten a while after the last failure: every key expires, so memory is bounded whatever is sent. While
 * Redis fails, failures are counted in this instance's memory instead (Caffeine, {@value #MAX_ENTRIES}
 * entries at most), and they still count once Redis is back, until forgotten (see {@link RedisOutage}).
 */
@Component
class LoginThrottle {

    static final int MAX_ENTRIES = 100_000;

    private final LocalLoginFailures local;
    private final LoginFailures shared;
    private final RedisOutage outage = new RedisOutage("login throttle", Duration.ofSeconds(5));
    private final Limit perUsernameAndClient;
    private final Limit perUsername;
    private final Limit perClient;

    @Autowired
    LoginThrottle(@Value("${eventcommerce.users.login-free-failures:5}") int freeFailures,
                  @Value("${eventcommerce.users.login-delay-cap:5m}") Duration delayCap,
                  @Value("${eventcommerce.users.login-free-failures-per-username:20}") int freePerUsername,
                  @Value("${eventcommerce.users.login-username-delay-cap:1m}") Duration usernameDelayCap,
                  @Value("${eventcommerce.users.login-failures-per-client:50}") int freePerClient,
                  @Value("${eventcommerce.users.login-failure-memory:30m}") Duration memory,
                  @Value("${eventcommerce.users.throttle-key-prefix:throttle:}") String keyPrefix,
                  StringRedisTemplate redis) {
        this(freeFailures, delayCap, freePerUsername, usernameDelayCap, freePerClient, memory, System::nanoTime,
                new RedisLoginFailures(redis, new ThrottleKeys(keyPrefix), memory));
    }

    /** Only this instance's memory, on the given clock. */
    LoginThrottle(int freeFailures, Duration delayCap, int freePerUsername, Duration usernameDelayCap,
                  int freePerClient, Duration memory, LongSupplier nanoTime) {
        this(freeFailures, delayCap, freePerUsername, usernameDelayCap, freePerClient, memory, nanoTime, null);
    }

    private LoginThrottle(int freeFailures, Duration delayCap, int freePerUsername, Duration usernameDelayCap,
                          int freePerClient, Duration memory, LongSupplier nanoTime, LoginFailures shared) {
        this.perUsernameAndClient = new Limit(freeFailures, delayCap);
        this.perUsername = new Limit(freePerUsername, usernameDelayCap);
        this.perClient = new Limit(freePerClient, delayCap);
        this.local = new LocalLoginFailures(MAX_ENTRIES, memory, nanoTime);
        this.shared = shared;
    }

    /** How long this login must wait, if failures for it have been many lately; creates no state. */
    OptionalLong secondsToWait(String username, String client) {
        List<LoginFailures.Subject> subjects = subjects(username, client);
        List<LoginFailures.Seen> here = local.read(subjects);
        List<LoginFailures.Seen> everywhere = shared == null ? here
                : outage.attempt(() -> shared.read(subjects), () -> here);
        List<Limit> limits = List.of(perUsernameAndClient, perUsername, perClient);
        long wait = 0;
        for (int i = 0; i < limits.size(); i++) {
            wait = Math.max(wait, Math.max(limits.get(i).wait(here.get(i)), limits.get(i).wait(everywhere.get(i))));
        }
        return wait > 0 ? OptionalLong.of(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait + 999_999_999))) : OptionalLong.empty();
    }

    void failed(String username, String client) {
        List<LoginFailures.Subject> subjects = subjects(username, client);
        if (shared == null) {
            local.record(subjects);
            return;
        }
        outage.attempt(() -> {
            shared.record(subjects);
            return true;
        }, () -> {
            local.record(subjects);
            return false;
        });
    }

    void succeeded(String username, String client) {
        List<LoginFailures.Subject> forgiven = subjects(username, client).subList(0, 2);
        local.forget(forgiven);
        if (shared != null) {
            outage.attempt(() -> shared.forget(forgiven));
        }
    }

    /** The failures kept in this instance's memory (those counted while Redis was unusable, or all without it). */
    long entries() {
        return local.entries();
    }

    /** Per username and client, per username, per client: in the order of the limits. */
    private static List<LoginFailures.Subject> subjects(String username, String client) {
        String name = Usernames.canonical(username);
        return List.of(new LoginFailures.Subject("uc", name + "|" + client), new LoginFailures.Subject("u", name),
                new LoginFailures.Subject("c", client));
    }

    /** After {@code free} failures the next attempt waits 1 s, doubling with each failure, up to {@code cap}. */
    private record Limit(int free, Duration cap) {

        long wait(LoginFailures.Seen seen) {
            if (seen.count() == 0 || seen.count() < free) {
                return 0;
            }
            return Math.max(0, delayAfter(seen.count()) - seen.nanosSinceLast());
        }

        long delayAfter(long count) {
            int doublings = (int) Math.min(count - free, 30);
            long delay = TimeUnit.SECONDS.toNanos(1) << doublings;
            return Math.min(delay, cap.toNanos());
        }
    }
}
