package dev.eventcommerce.user.query;

import dev.eventcommerce.platform.auth.AuthProperties;
import dev.eventcommerce.platform.auth.TokenRevocations;
import dev.eventcommerce.user.credentials.Credentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Redis keeps nothing on disk here: after a Redis restart the revocations are gone. This component
 * republishes them from this context's tables at start and then periodically, so revocation heals by
 * itself: every deactivated user, and every password change recent enough for tokens from before it to
 * be still unexpired.
 */
@Component
class RevocationsRepublisher {

    private static final Logger log = LoggerFactory.getLogger(RevocationsRepublisher.class);

    private final JdbcClient jdbc;
    private final Credentials credentials;
    private final TokenRevocations revocations;
    private final Clock clock;
    /** How long before now a token may have been issued and still be accepted. */
    private final Duration liveTokenWindow;

    RevocationsRepublisher(JdbcClient jdbc, Credentials credentials, TokenRevocations revocations, AuthProperties auth,
                           Clock clock) {
        this.jdbc = jdbc;
        this.credentials = credentials;
        this.revocations = revocations;
        this.clock = clock;
        this.liveTokenWindow = auth.accessTokenLifetime().plus(auth.clockSkew());
    }

    /** At start, then every {@code eventcommerce.users.revocation-republish-seconds}. */
    @Scheduled(fixedDelayString = "${eventcommerce.users.revocation-republish-seconds:30}", timeUnit = TimeUnit.SECONDS)
    void republish() {
        try {
            Map<Long, Long> validFrom = new HashMap<>();
            Instant oldestLiveToken = clock.instant().minus(liveTokenWindow);
            credentials.passwordChangesSince(oldestLiveToken)
                    .forEach((user, changedAt) -> validFrom.put(user, TokenRevocations.validFromAfter(changedAt)));
            jdbc.sql("SELECT id FROM users WHERE NOT is_active").query(Long.class).list()
                    .forEach(user -> validFrom.put(user, TokenRevocations.FOREVER));
            revocations.revoke(validFrom);
        } catch (RuntimeException e) {
            log.warn("Cannot republish token revocations: {}", e.getMessage());
        }
    }
}
