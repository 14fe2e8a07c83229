package dev.eventcommerce.platform.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The token signing key of a test JVM, made at its start and nowhere in the repository: the services
 * under test verify with its public part ({@code eventcommerce.auth.jwks-file}), user-context signs with it
 * ({@code eventcommerce.auth.signing-keys-file}), and tests mint tokens with it as user-context would.
 */
public final class TestTokens {

    public static final String ISSUER = "event-commerce";
    private static final TestTokens SHARED = new TestTokens();

    private final ECKey key;
    private final Path signingKeysFile;
    private final Path jwksFile;

    private TestTokens() {
        try {
            key = generate();
            Path dir = Files.createTempDirectory("test-tokens");
            signingKeysFile = dir.resolve("signing-keys.json");
            jwksFile = dir.resolve("jwks.json");
            Files.writeString(signingKeysFile, new JWKSet(key).toString(false));
            Files.writeString(jwksFile, new JWKSet(key).toPublicJWKSet().toString());
            for (Path file : List.of(signingKeysFile, jwksFile, dir)) {
                file.toFile().deleteOnExit();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TestTokens shared() {
        return SHARED;
    }

    /** A verifying service under test trusts this JVM's key (public part only). */
    public static void verifier(DynamicPropertyRegistry registry) {
        registry.add("eventcommerce.auth.jwks-file", SHARED.jwksFile::toString);
    }

    /** user-context under test signs with this JVM's key. */
    public static void issuer(DynamicPropertyRegistry registry) {
        registry.add("eventcommerce.auth.signing-keys-file", SHARED.signingKeysFile::toString);
    }

    /**
     * A revocation hash of the test context's own in the shared Redis, read every 200 ms. Computed once: a
     * supplier is asked again at every lookup, and every reader must see the same key.
     */
    public static void revocations(DynamicPropertyRegistry registry) {
        String revocationKey = "it:" + UUID.randomUUID() + ":token-revocations";
        registry.add("eventcommerce.auth.revocation-key", () -> revocationKey);
        registry.add("eventcommerce.auth.revocation-refresh", () -> "200ms");
    }

    /** The JWK Set file with this JVM's private key, for a user-context started by hand. */
    public static String signingKeysFileForTests() {
        return SHARED.signingKeysFile.toString();
    }

    /** The JWK Set file with this JVM's public key, for a service started by hand. */
    public static String jwksFile() {
        return SHARED.jwksFile.toString();
    }

    /** Deactivates a user in the revocation hash a service under test reads (as user-context would). */
    public static void deactivate(StringRedisTemplate redis, String revocationKey, long userId) {
        redis.opsForHash().put(revocationKey, String.valueOf(userId), String.valueOf(Long.MAX_VALUE));
    }

    /**
     * A valid token of a user deactivated in the revocation hash of the service under test ({@code service}),
     * returned once the service has {@code seen} the deactivation (its list is refreshed every few hundred
     * milliseconds; 10 s at most).
     */
    public String deactivatedUser(ApplicationContext service, long userId, LongPredicate seen) {
        String token = issue(userId, "gone", List.of("user")).token();
        deactivate(service.getBean(StringRedisTemplate.class),
                service.getEnvironment().getRequiredProperty("eventcommerce.auth.revocation-key"), userId);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!seen.test(userId)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("deactivation of user " + userId + " not seen within 10 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return token;
    }

    /** A valid token for this user, as user-context issues it, for 30 minutes. */
    public Issued issue(long userId, String username, List<String> roles) {
        return new Issued(builder(userId, username, roles).compact());
    }

    /** A valid token's builder, to change one thing of it; signed with this JVM's key. */
    public JwtBuilder builder(long userId, String username, List<String> roles) {
        Instant now = Instant.now();
        return Jwts.builder()
                .header().keyId(key.getKeyID()).and()
                .issuer(ISSUER).subject(username).claim("user_id", userId).claim("roles", roles)
                .issuedAt(Date.from(now)).expiration(Date.from(now.plus(Duration.ofMinutes(30))))
                .signWith(privateKey(key), Jwts.SIG.ES256);
    }

    public String keyId() {
        return key.getKeyID();
    }

    /** The JWK Set a service publishes for this key (public part only), as JSON. */
    public String publicJwks() {
        return new JWKSet(key).toPublicJWKSet().toString();
    }

    public static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ECPrivateKey privateKey(ECKey key) {
        try {
            return key.toECPrivateKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token, shaped like user-context's issued token. */
    public record Issued(String token) {
    }
}
