package dev.eventcommerce.kernel.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token settings, shared by the issuer (user-context) and every verifier.
 *
 * @param secretKey                 HS256 key, at least 32 bytes ({@code SECRET_KEY})
 * @param accessTokenExpireMinutes  lifetime of an access token ({@code ACCESS_TOKEN_EXPIRE_MINUTES})
 * @param issuer                    the {@code iss} claim written and required
 * @param revocationRefresh         how often verifiers reload the deactivated users from Redis
 * @param revocationKey             the Redis set of deactivated user ids
 */
@ConfigurationProperties("eventcommerce.auth")
public record AuthProperties(
        String secretKey,
        @DefaultValue("30") long accessTokenExpireMinutes,
        @DefaultValue("event-commerce") String issuer,
        @DefaultValue("2s") Duration revocationRefresh,
        @DefaultValue("auth:deactivated-users") String revocationKey) {

    public Duration accessTokenLifetime() {
        return Duration.ofMinutes(accessTokenExpireMinutes);
    }
}
