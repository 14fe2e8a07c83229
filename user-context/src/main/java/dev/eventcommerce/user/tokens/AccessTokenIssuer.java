package dev.eventcommerce.user.tokens;

import dev.eventcommerce.platform.auth.AuthProperties;
import io.jsonwebtoken.Jwts;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Issues ES256 access tokens that every service verifies with the published public keys. A token carries
 * {@code sub} (the username, as the seed's tokens do), {@code user_id}, {@code roles}, {@code iat} and
 * {@code exp}, and names its key in the {@code kid} header.
 */
public class AccessTokenIssuer {

    private final SigningKeys keys;
    private final AuthProperties properties;
    private final Clock clock;

    public AccessTokenIssuer(SigningKeys keys, AuthProperties properties, Clock clock) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * A signed token for this user, valid for the configured lifetime.
     *
     * @param notBeforeEpochSecond the user's tokens issued before this second are revoked (a password
     *                             change): the token is dated no earlier, so that it is not revoked itself
     */
    public IssuedToken issue(long userId, String username, Collection<String> roles, long notBeforeEpochSecond) {
        Instant issuedAt = Instant.ofEpochSecond(Math.max(clock.instant().getEpochSecond(), notBeforeEpochSecond));
        Instant expiresAt = issuedAt.plus(properties.accessTokenLifetime());
        String token = Jwts.builder()
                .header().keyId(keys.signerId()).and()
                .id(UUID.randomUUID().toString())
                .issuer(properties.issuer())
                .subject(username)
                .claim("user_id", userId)
                .claim("roles", List.copyOf(roles))
                .issuedAt(Date.from(issuedAt))
                .expiration(Date.from(expiresAt))
                .signWith(keys.signerKey(), Jwts.SIG.ES256)
                .compact();
        return new IssuedToken(token, expiresAt);
    }

    /** A freshly issued token and the instant it expires. */
    public record IssuedToken(String token, Instant expiresAt) {
    }
}
