package dev.eventcommerce.platform.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Verifies access tokens locally, with public keys only, so no service calls user-context per request:
 * an ES256 signature by a key of the issuer's JWK Set (looked up by the token's {@code kid}), then
 * {@link AccessTokenRules}. No other algorithm is accepted, {@code none} and HMAC included.
 */
public class AccessTokenVerifier {

    /** The one signature algorithm this system issues and accepts. */
    public static final JWSAlgorithm ALGORITHM = JWSAlgorithm.ES256;

    private final JwtDecoder decoder;

    public AccessTokenVerifier(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    /**
     * A decoder for tokens signed by these keys that checks the rules, at every call; a token's signature is
     * verified once a minute (see {@link VerifiedSignatures}).
     */
    public static JwtDecoder decoder(JWKSource<SecurityContext> keys, AccessTokenRules rules) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHM, keys));
        // the claims are checked by the rules, with our own messages
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        // Spring fills in a missing iat (exp minus a second); the rules must see that it was missing
        MappedJwtClaimSetConverter claims = MappedJwtClaimSetConverter.withDefaults(Map.of());
        decoder.setClaimSetConverter(raw -> {
            Map<String, Object> converted = claims.convert(raw);
            if (!raw.containsKey(JwtClaimNames.IAT) && converted != null) {
                converted = new HashMap<>(converted);
                converted.remove(JwtClaimNames.IAT);
            }
            return converted;
        });
        // the rules run on every decode, outside the verified signatures' cache
        decoder.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success());
        return new VerifiedSignatures(decoder, rules);
    }

    /**
     * The issuer's public keys: from a file when one is configured (it must hold no private key), else
     * fetched from the issuer's JWK Set URL, cached, fetched again (at most once per refresh interval) when a
     * token names a key id not in the cache, and kept for a day while the issuer cannot be reached.
     */
    public static JWKSource<SecurityContext> publicKeys(AuthProperties properties) {
        if (properties.jwksFile() != null && !properties.jwksFile().isBlank()) {
            JWKSet keys = load(Path.of(properties.jwksFile()));
            if (keys.getKeys().stream().anyMatch(key -> key.isPrivate())) {
                throw new IllegalStateException("JWKS_FILE " + properties.jwksFile() + " holds a private key: "
                        + "verifiers must be given the public keys only (the issuer's /.well-known/jwks.json)");
            }
            return new ImmutableJWKSet<>(keys);
        }
        try {
            return JWKSourceBuilder.create(properties.jwksUri().toURL(), new DefaultResourceRetriever(2000, 2000, 64 * 1024))
                    .cache(properties.jwksCacheLifetime().toMillis(), TimeUnit.SECONDS.toMillis(5))
                    .rateLimited(properties.jwksRefreshInterval().toMillis())
                    .outageTolerant(TimeUnit.DAYS.toMillis(1))
                    .retrying(true)
                    .build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("JWKS_URI is not a URL: " + properties.jwksUri(), e);
        }
    }

    private static JWKSet load(Path file) {
        try {
            return JWKSet.parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the JWK Set " + file, e);
        } catch (ParseException e) {
            throw new IllegalStateException("Not a JWK Set: " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The user a token stands for.
     *
     * @throws InvalidTokenException with a reason fit to show the caller, for any token that is not a
     *                               current, well-formed token of this system's issuer
     */
    public AuthenticatedUser verify(String token) {
        if (token == null || token.isBlank()) {
            throw new InvalidTokenException("Missing bearer token");
        }
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (JwtException e) {
            throw new InvalidTokenException(reason(e));
        }
        return AccessTokenRules.user(jwt);
    }

    /** What to tell the caller about a refused token: the broken rule, never the decoder's internals. */
    static String reason(Throwable failure) {
        if (failure instanceof JwtValidationException invalid && !invalid.getErrors().isEmpty()) {
            return invalid.getErrors().iterator().next().getDescription();
        }
        if (failure instanceof BadJwtException) {
            String message = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
            return message.contains("expired") ? "Token has expired" : "Token is malformed or its signature is invalid";
        }
        return "The token's signing keys cannot be fetched now";
    }
}
