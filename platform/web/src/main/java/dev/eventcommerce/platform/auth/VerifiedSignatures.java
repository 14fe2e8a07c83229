package dev.eventcommerce.platform.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * A token's signature is checked once per {@link #TTL}, its rules at every request. Verifying an ES256
 * signature costs about a millisecond of CPU on the JDK's pure-Java elliptic curves, the largest single cost of
 * an authenticated request; a client sends the same token for up to its lifetime, so the parsed, verified token
 * is kept, keyed by its exact text, and only its {@link AccessTokenRules} (expiry, revocation, issuer, roles)
 * run again. A token that fails to parse or verify is not kept. The keeping is short so that a key withdrawn
 * from the issuer's JWK Set stops being accepted within {@link #TTL} (plus the key set's own caching).
 */
class VerifiedSignatures implements JwtDecoder {

    static final Duration TTL = Duration.ofMinutes(1);
    private static final int MAX_TOKENS = 10_000;

    private final JwtDecoder signatureOnly;
    private final OAuth2TokenValidator<Jwt> rules;
    private final Cache<String, Jwt> verified = Caffeine.newBuilder()
            .maximumSize(MAX_TOKENS)
            .expireAfterWrite(TTL)
            .build();

    VerifiedSignatures(JwtDecoder signatureOnly, OAuth2TokenValidator<Jwt> rules) {
        this.signatureOnly = signatureOnly;
        this.rules = rules;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = verified.get(token, signatureOnly::decode);
        OAuth2TokenValidatorResult result = rules.validate(jwt);
        if (result.hasErrors()) {
            throw new JwtValidationException(result.getErrors().iterator().next().getDescription(), result.getErrors());
        }
        return jwt;
    }
}
