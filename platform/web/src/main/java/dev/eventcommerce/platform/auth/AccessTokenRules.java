package dev.eventcommerce.platform.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * What a signed token must also be to be accepted: from our issuer; dated ({@code iat}) and expiring
 * ({@code exp}), within the configured lifetime and not expired or not yet valid ({@code nbf}); for a
 * positive integral {@code user_id} with a {@code sub}; with known roles only; and not revoked (a
 * deactivated user, or issued before the user's password was changed).
 */
public class AccessTokenRules implements OAuth2TokenValidator<Jwt> {

    static final String USER_ID = "user_id";
    static final String ROLES = "roles";
    static final Set<String> KNOWN_ROLES = Set.of(AuthenticatedUser.ROLE_USER, AuthenticatedUser.ROLE_ADMIN);

    private final AuthProperties properties;
    private final TokenRevocations revocations;
    private final Clock clock;

    public AccessTokenRules(AuthProperties properties, TokenRevocations revocations, Clock clock) {
        this.properties = properties;
        this.revocations = revocations;
        this.clock = clock;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        String failure = failure(jwt);
        return failure == null ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, failure, null));
    }

    private String failure(Jwt jwt) {
        if (!properties.issuer().equals(jwt.getClaimAsString("iss"))) {
            return "Token is not from this system's issuer";
        }
        Instant issuedAt = jwt.getIssuedAt();
        Instant expiresAt = jwt.getExpiresAt();
        if (issuedAt == null || expiresAt == null) {
            return "Token lacks the iat or exp claim";
        }
        Instant now = clock.instant();
        Duration skew = properties.clockSkew();
        if (!now.isBefore(expiresAt.plus(skew))) {
            return "Token has expired";
        }
        if (issuedAt.isAfter(now.plus(skew)) || (jwt.getNotBefore() != null && jwt.getNotBefore().isAfter(now.plus(skew)))) {
            return "Token is not valid yet";
        }
        // one second of slack: the issuer may date a token up to a second ahead (see TokenRevocations)
        if (Duration.between(issuedAt, expiresAt).compareTo(properties.accessTokenLifetime().plusSeconds(1)) > 0) {
            return "Token lives longer than this system issues tokens for";
        }
        Object userId = jwt.getClaims().get(USER_ID);
        if (!(userId instanceof Long || userId instanceof Integer) || ((Number) userId).longValue() <= 0) {
            return "Token's user_id is not a positive integer";
        }
        if (jwt.getSubject() == null || jwt.getSubject().isBlank()) {
            return "Token lacks the sub claim";
        }
        if (!(jwt.getClaims().get(ROLES) instanceof Collection<?> roles) || roles.isEmpty()
                || !roles.stream().allMatch(role -> role instanceof String name && KNOWN_ROLES.contains(name))) {
            return "Token's roles are missing or unknown";
        }
        long user = ((Number) userId).longValue();
        if (revocations.deactivated(user)) {
            return "User is deactivated";
        }
        if (revocations.revoked(user, issuedAt.getEpochSecond())) {
            return "Token was issued before the user's password was changed; log in again";
        }
        return null;
    }

    /** The caller a valid token stands for. */
    static AuthenticatedUser user(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList(ROLES);
        return new AuthenticatedUser(((Number) jwt.getClaims().get(USER_ID)).longValue(), jwt.getSubject(),
                Set.copyOf(roles), jwt.getIssuedAt(), jwt.getExpiresAt());
    }
}
