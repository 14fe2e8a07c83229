package dev.eventcommerce.platform.auth;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token settings, shared by the issuer (user-context) and every verifier. Verifiers hold public keys
 * only: fetched from the issuer's JWK Set, or read from a file for installs that cannot reach it.
 *
 * @param jwksUri                  the issuer's JWK Set ({@code JWKS_URI}), fetched once, cached and fetched
 *                                 again when a token names a key id it does not hold
 * @param jwksFile                 a JWK Set file with the public keys ({@code JWKS_FILE}); when set, no
 *                                 fetch; a private key in it is refused
 * @param jwksCacheLifetime        how long fetched keys are used before they are fetched again
 * @param jwksRefreshInterval      the least time between two fetches (a token naming an unknown key id
 *                                 asks for one): a flood of forged kids cannot make this service hammer the issuer
 * @param accessTokenExpireMinutes lifetime of an access token ({@code ACCESS_TOKEN_EXPIRE_MINUTES}); a token
 *                                 whose {@code exp} lies further from its {@code iat} is refused
 * @param issuer                   the {@code iss} claim written and required
 * @param clockSkew                how far apart the issuer's and a verifier's clocks may be
 * @param revocationRefresh        how often verifiers reload the revocations from Redis (the fixed delay of
 *                                 {@link TokenRevocations}' scheduled reload, which reads the property itself)
 * @param revocationKey            the Redis hash of revocations: user id → epoch second before which its
 *                                 tokens are refused
 */
@ConfigurationProperties("eventcommerce.auth")
public record AuthProperties(
        @DefaultValue("http://127.0.0.1:8001/.well-known/jwks.json") URI jwksUri,
        String jwksFile,
        @DefaultValue("5m") Duration jwksCacheLifetime,
        @DefaultValue("10s") Duration jwksRefreshInterval,
        @DefaultValue("30") long accessTokenExpireMinutes,
        @DefaultValue("event-commerce") String issuer,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue("2s") Duration revocationRefresh,
        @DefaultValue("auth:token-revocations") String revocationKey) {

    public Duration accessTokenLifetime() {
        return Duration.ofMinutes(accessTokenExpireMinutes);
    }
}
