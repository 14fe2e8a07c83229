package dev.eventcommerce.kernel.auth;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongPredicate;
import javax.crypto.SecretKey;

/**
 * Issues and verifies HS256 access tokens locally, so no service calls user-context per request.
 * A token carries {@code sub} (the username, as the seed's tokens do), {@code user_id} and {@code roles}.
 * Verification also refuses tokens of users that have been deactivated since the token was issued.
 */
public class AccessTokens {

    static final String USER_ID = "user_id";
    static final String ROLES = "roles";
    private static final long CLOCK_SKEW_SECONDS = 30;

    private final SecretKey key;
    private final AuthProperties properties;
    private final LongPredicate deactivated;
    private final Clock clock;

    /**
     * @param deactivated tells whether a user id has been deactivated (its tokens are then refused)
     */
    public AccessTokens(SigningKey signingKey, AuthProperties properties, LongPredicate deactivated, Clock clock) {
        this.key = Keys.hmacShaKeyFor(signingKey.value().getBytes(StandardCharsets.UTF_8));
        this.properties = properties;
        this.deactivated = deactivated;
        this.clock = clock;
    }

    /** A signed token for this user, valid for the configured lifetime. */
    public IssuedToken issue(long userId, String username, Collection<String> roles) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.accessTokenLifetime());
        String token = Jwts.builder()
                .id(UUID.randomUUID().toString())
                .issuer(properties.issuer())
                .subject(username)
                .claim(USER_ID, userId)
                .claim(ROLES, List.copyOf(roles))
                .issuedAt(Date.from(now))
                .expiration(Date.from(expiresAt))
                .signWith(key, Jwts.SIG.HS256)
                .compact();
        return new IssuedToken(token, expiresAt);
    }

    /**
     * The user a token stands for.
     *
     * @throws InvalidTokenException with a reason fit to show the caller, for any token that is not a
     *                               current, well-formed HS256 token signed with our key
     */
    public AuthenticatedUser verify(String token) {
        if (token == null || token.isBlank()) {
            throw new InvalidTokenException("Missing bearer token");
        }
        Claims claims;
        try {
            claims = Jwts.parser()
                    .verifyWith(key)
                    .requireIssuer(properties.issuer())
                    .clockSkewSeconds(CLOCK_SKEW_SECONDS)
                    .clock(() -> Date.from(clock.instant()))
                    .build()
                    .parseSignedClaims(token)
                    .getPayload();
        } catch (ExpiredJwtException e) {
            throw new InvalidTokenException("Token has expired");
        } catch (JwtException | IllegalArgumentException e) {
            throw new InvalidTokenException("Token is malformed or its signature is invalid");
        }
        AuthenticatedUser user = toUser(claims);
        if (deactivated.test(user.userId())) {
            throw new InvalidTokenException("User is deactivated");
        }
        return user;
    }

    private static AuthenticatedUser toUser(Claims claims) {
        Object userId = claims.get(USER_ID);
        Object roles = claims.get(ROLES);
        if (!(userId instanceof Number id) || claims.getSubject() == null || !(roles instanceof Collection<?> names)) {
            throw new InvalidTokenException("Token lacks the user_id, sub or roles claim");
        }
        Set<String> roleNames = new LinkedHashSet<>();
        names.forEach(name -> roleNames.add(String.valueOf(name)));
        return new AuthenticatedUser(id.longValue(), claims.getSubject(), roleNames,
                claims.getExpiration().toInstant());
    }

    /** A freshly issued token and the instant it expires. */
    public record IssuedToken(String token, Instant expiresAt) {
    }
}
