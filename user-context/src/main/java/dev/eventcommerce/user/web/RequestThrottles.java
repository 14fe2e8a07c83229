package dev.eventcommerce.user.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Rate limits (bucket4j token buckets) for the two other writes an attacker could repeat: registrations,
 * per client address and for the whole service (each costs a bcrypt hash and a stored account), and
 * password changes per user (each costs two). The buckets live in Redis, shared by every instance, each key
 * expiring once its bucket is full again. While Redis fails, each instance limits with buckets in its own
 * bounded, expiring memory instead: N instances then allow N times as much, but never without limit (see
 * {@link RedisOutage}).
 */
@Component
class RequestThrottles implements DisposableBean {

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofHours(1))
            .build();
    private final Bucket allRegistrations;
    private final BucketConfiguration perClient;
    private final BucketConfiguration all;
    private final BucketConfiguration perUser;
    private final RedisBuckets shared;
    private final ThrottleKeys keys;
    private final RedisOutage outage = new RedisOutage("request throttles", Duration.ofSeconds(5));

    @Autowired
    RequestThrottles(@Value("${eventcommerce.users.registrations-per-client:20}") int registrationsPerClient,
                     @Value("${eventcommerce.users.registrations:300}") int registrations,
                     @Value("${eventcommerce.users.registration-window:1h}") Duration registrationWindow,
                     @Value("${eventcommerce.users.password-changes-per-user:5}") int passwordChanges,
                     @Value("${eventcommerce.users.password-change-window:15m}") Duration passwordChangeWindow,
                     @Value("${eventcommerce.users.throttle-key-prefix:throttle:}") String keyPrefix,
                     LettuceConnectionFactory redis) {
        this(registrationsPerClient, registrations, registrationWindow, passwordChanges, passwordChangeWindow,
                new RedisBuckets(redis), new ThrottleKeys(keyPrefix));
    }

    /** Only this instance's memory. */
    RequestThrottles(int registrationsPerClient, int registrations, Duration registrationWindow, int passwordChanges,
                     Duration passwordChangeWindow) {
        this(registrationsPerClient, registrations, registrationWindow, passwordChanges, passwordChangeWindow,
                (RedisBuckets) null, null);
    }

    private RequestThrottles(int registrationsPerClient, int registrations, Duration registrationWindow,
                             int passwordChanges, Duration passwordChangeWindow, RedisBuckets shared,
                             ThrottleKeys keys) {
        this.perClient = configuration(registrationsPerClient, registrationWindow);
        this.all = configuration(registrations, registrationWindow);
        this.perUser = configuration(passwordChanges, passwordChangeWindow);
        this.allRegistrations = local(all);
        this.shared = shared;
        this.keys = keys;
    }

    /** Takes a registration from the client's and the service's allowance, or says how long to wait. */
    OptionalLong registration(String client) {
        return attempt(() -> {
            OptionalLong wait = take(shared.bucket(keys.key("register", client), () -> perClient));
            return wait.isPresent() ? wait : take(shared.bucket(keys.key("register-all", "service"), () -> all));
        }, () -> {
            OptionalLong wait = take(buckets.get("register:" + client, key -> local(perClient)));
            return wait.isPresent() ? wait : take(allRegistrations);
        });
    }

    /** Takes a password change from the user's allowance, or says how long to wait. */
    OptionalLong passwordChange(long userId) {
        return attempt(() -> take(shared.bucket(keys.key("password", String.valueOf(userId)), () -> perUser)),
                () -> take(buckets.get("password:" + userId, key -> local(perUser))));
    }

    @Override
    public void destroy() {
        if (shared != null) {
            shared.close();
        }
    }

    private OptionalLong attempt(Supplier<OptionalLong> everywhere,
                                 Supplier<OptionalLong> here) {
        return shared == null ? here.get() : outage.attempt(everywhere, here);
    }

    private static OptionalLong take(Bucket bucket) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? OptionalLong.empty()
                : OptionalLong.of(Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds()));
    }

    private static BucketConfiguration configuration(int capacity, Duration window) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, window).build())
                .build();
    }

    private static Bucket local(BucketConfiguration configuration) {
        return Bucket.builder().addLimit(configuration.getBandwidths()[0]).build();
    }
}
