package dev.eventcommerce.user.tokens;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.eventcommerce.platform.auth.AuthProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The signing keys, from {@code JWT_SIGNING_KEYS_FILE} (a JWK Set file, e.g. a mounted secret) or
 * {@code JWT_SIGNING_KEYS} (the same JSON in the environment). There is no default key: this service
 * refuses to start without one ({@code make run} generates one per checkout). This service verifies its
 * own tokens with the same keys' public parts, without fetching its own JWK Set.
 */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

    static final String GENERATE_HINT = "generate one with: java scripts/GenerateSigningKey.java <file>";

    @Bean
    SigningKeys signingKeys(@Value("${eventcommerce.auth.signing-keys-file:}") String file,
                            @Value("${eventcommerce.auth.signing-keys:}") String inline,
                            @Value("${eventcommerce.auth.signing-key-id:}") String signerId) {
        if (!file.isBlank()) {
            try {
                return SigningKeys.parse(Files.readString(Path.of(file)), signerId);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read JWT_SIGNING_KEYS_FILE " + file + "; " + GENERATE_HINT, e);
            }
        }
        if (!inline.isBlank()) {
            return SigningKeys.parse(inline, signerId);
        }
        throw new IllegalStateException("No token signing key: set JWT_SIGNING_KEYS_FILE (or JWT_SIGNING_KEYS); "
                + GENERATE_HINT);
    }

    @Bean
    AccessTokenIssuer accessTokenIssuer(SigningKeys keys, AuthProperties properties, Clock clock) {
        return new AccessTokenIssuer(keys, properties, clock);
    }

    @Bean
    JWKSource<SecurityContext> tokenVerificationKeys(SigningKeys keys) {
        return new ImmutableJWKSet<>(keys.publicKeys());
    }
}
