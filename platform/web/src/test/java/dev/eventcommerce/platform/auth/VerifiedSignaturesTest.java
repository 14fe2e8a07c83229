package dev.eventcommerce.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;

class VerifiedSignaturesTest {

    private final AtomicInteger verifications = new AtomicInteger();
    private final AtomicInteger ruleChecks = new AtomicInteger();
    private final AtomicBoolean revoked = new AtomicBoolean();
    private final VerifiedSignatures decoder = new VerifiedSignatures(token -> {
        verifications.incrementAndGet();
        if (token.startsWith("forged")) {
            throw new BadJwtException("signature invalid");
        }
        return Jwt.withTokenValue(token).header("alg", "ES256").subject("alice")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
    }, jwt -> {
        ruleChecks.incrementAndGet();
        return revoked.get() ? OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "Token was revoked", null))
                : OAuth2TokenValidatorResult.success();
    });

    @Test
    void aTokenSentAgainIsVerifiedOnceButItsRulesAreCheckedEveryTime() {
        for (int i = 0; i < 5; i++) {
            assertThat(decoder.decode("token-a").getSubject()).isEqualTo("alice");
        }

        assertThat(verifications).hasValue(1);
        assertThat(ruleChecks).hasValue(5);
    }

    @Test
    void aTokenRevokedAfterItWasVerifiedIsRefusedAtItsNextUse() {
        decoder.decode("token-b");
        revoked.set(true);

        assertThatThrownBy(() -> decoder.decode("token-b")).isInstanceOf(JwtValidationException.class)
                .hasMessage("Token was revoked");
    }

    @Test
    void aTokenThatFailsVerificationIsVerifiedAgainEachTime() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> decoder.decode("forged-token")).isInstanceOf(BadJwtException.class);
        }

        assertThat(verifications).hasValue(3);
        assertThat(ruleChecks).hasValue(0);
    }

    @Test
    void anotherTokenIsVerifiedOnItsOwn() {
        decoder.decode("token-c");
        decoder.decode("token-c2");

        assertThat(verifications).hasValue(2);
    }
}
