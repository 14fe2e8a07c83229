package dev.eventcommerce.user.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.OptionalLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Rate limits (bucket4j token buckets) for the two other writes an attacker could repeat: registrations,
 * per client address and for the whole service (each costs a bcrypt hash and a stored account), and
 * password changes per user (each costs two). The per-key buckets live in bounded, expiring memory.
 */
@Component
class RequestThrottles {

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofHours(1))
            .build();
    private final Bucket allRegistrations;
    private final int registrationsPerClient;
    private final Duration registrationWindow;
    private final int passwordChanges;
    private final Duration passwordChangeWindow;

    RequestThrottles(@Value("${eventcommerce.users.registrations-per-client:20}") int registrationsPerClient,
                     @Value("${eventcommerce.users.registrations:300}") int registrations,
                     @Value("${eventcommerce.users.registration-window:1h}") Duration registrationWindow,
                     @Value("${eventcommerce.users.password-changes-per-user:5}") int passwordChanges,
                     @Value("${eventcommerce.users.password-change-window:15m}") Duration passwordChangeWindow) {
        this.registrationsPerClient = registrationsPerClient;
        this.registrationWindow = registrationWindow;
        this.passwordChanges = passwordChanges;
        this.passwordChangeWindow = passwordChangeWindow;
        this.allRegistrations = bucket(registrations, registrationWindow);
    }

    /** Takes a registration from the client's and the service's allowance, or says how long to wait. */
    OptionalLong registration(String client) {
        Bucket perClient = buckets.get("register:" + client, key -> bucket(registrationsPerClient, registrationWindow));
        OptionalLong wait = take(perClient);
        return wait.isPresent() ? wait : take(allRegistrations);
    }

    /** Takes a password change from the user's allowance, or says how long to wait. */
    OptionalLong passwordChange(long userId) {
        return take(buckets.get("password:" + userId, key -> bucket(passwordChanges, passwordChangeWindow)));
    }

    private static OptionalLong take(Bucket bucket) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? OptionalLong.empty()
                : OptionalLong.of(Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds()));
    }

    private static Bucket bucket(int capacity, Duration window) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, window).build())
                .build();
    }
}
