package dev.eventcommerce.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import dev.eventcommerce.platform.testing.BadTokens;
import dev.eventcommerce.platform.testing.TestTokens;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Local verification of access tokens with the issuer's public keys, and revocation through the real Redis. */
class AccessTokenVerifierIT {

    private static final TestTokens TOKENS = TestTokens.shared();

    private final String revocationKey = "it:" + UUID.randomUUID() + ":token-revocations";
    private final LettuceConnectionFactory redis = TokenRevocationsIT.connect(6379);
    private final AuthProperties properties = new AuthProperties(URI.create("http://127.0.0.1:1/jwks.json"), null,
            Duration.ofMinutes(5), Duration.ofMillis(500), 30, "event-commerce", Duration.ofSeconds(30), Duration.ofHours(1), revocationKey);
    private final TokenRevocations revocations = new TokenRevocations(new StringRedisTemplate(redis), revocationKey);
    private final AccessTokenVerifier verifier = new AccessTokenVerifier(AccessTokenVerifier.decoder(
            new ImmutableJWKSet<>(publicKeys()), new AccessTokenRules(properties, revocations, Clock.systemUTC())));

    @AfterEach
    void cleanUp() {
        new StringRedisTemplate(redis).delete(revocationKey);
        redis.destroy();
    }

    @Test
    void anIssuedTokenVerifiesToItsUser() {
        AuthenticatedUser user = verifier.verify(TOKENS.issue(7, "alice", List.of("user")).token());

        assertThat(user.userId()).isEqualTo(7);
        assertThat(user.username()).isEqualTo("alice");
        assertThat(user.roles()).containsExactly("user");
        assertThat(user.isAdmin()).isFalse();
    }

    @TestFactory
    Stream<DynamicTest> everyBadTokenIsRefusedWithAReason() {
        return BadTokens.forUser(7, "alice", List.of("user")).entrySet().stream()
                .filter(entry -> entry.getValue() != null && entry.getValue().startsWith("Bearer "))
                .map(entry -> DynamicTest.dynamicTest(entry.getKey(), () ->
                        assertThatThrownBy(() -> verifier.verify(entry.getValue().substring("Bearer ".length()).trim()))
                                .isInstanceOf(InvalidTokenException.class)
                                .hasMessageNotContaining("Exception")));
    }

    @Test
    void theReasonsSayWhatIsWrong() {
        Instant now = Instant.now();
        assertThat(reason(TOKENS.builder(7, "alice", List.of("user")).issuedAt(Date.from(now.minusSeconds(3600)))
                .expiration(Date.from(now.minusSeconds(60))).compact())).isEqualTo("Token has expired");
        assertThat(reason(TOKENS.builder(7, "alice", List.of("user")).expiration(Date.from(now.plus(Duration.ofDays(1))))
                .compact())).contains("longer");
        assertThat(reason(TOKENS.builder(7, "alice", List.of("user")).issuedAt(null).compact())).contains("iat");
        assertThat(reason(TOKENS.builder(7, "alice", List.of("user")).claim("user_id", 7.5).compact())).contains("user_id");
        assertThat(reason(TOKENS.builder(7, "alice", List.of("user")).claim("roles", List.of("root")).compact())).contains("roles");
        assertThat(reason("")).isEqualTo("Missing bearer token");
    }

    @Test
    void aDeactivatedUsersTokensAreRefused() {
        String token = TOKENS.issue(99, "mallory", List.of("user")).token();

        revocations.revoke(Map.of(99L, TokenRevocations.FOREVER));

        assertThat(reason(token)).isEqualTo("User is deactivated");
    }

    @Test
    void aPasswordChangeRevokesTheTokensIssuedBeforeItButNotThoseAfter() {
        Instant issued = Instant.now().minusSeconds(10);
        Instant expires = issued.plus(Duration.ofMinutes(20));
        String before = TOKENS.builder(98, "bob", List.of("user")).issuedAt(Date.from(issued))
                .expiration(Date.from(expires)).compact();
        String after = TOKENS.builder(98, "bob", List.of("user")).issuedAt(Date.from(issued.plusSeconds(5)))
                .expiration(Date.from(expires)).compact();

        revocations.revoke(Map.of(98L, TokenRevocations.validFromAfter(issued.plusMillis(500))));

        assertThat(reason(before)).contains("password");
        assertThat(verifier.verify(after).userId()).isEqualTo(98);
    }

    @Test
    void aKeyFileWithAPrivateKeyIsRefusedForAVerifier() throws Exception {
        Path file = Files.createTempFile("jwks", ".json");
        Files.writeString(file, new JWKSet(TestTokens.generate()).toString(false));
        AuthProperties withFile = new AuthProperties(properties.jwksUri(), file.toString(), Duration.ofMinutes(5), Duration.ofMillis(500), 30,
                "event-commerce", Duration.ofSeconds(30), Duration.ofHours(1), revocationKey);

        assertThatThrownBy(() -> AccessTokenVerifier.publicKeys(withFile)).hasMessageContaining("private key");
        Files.delete(file);
    }

    @Test
    void theTokenNamesItsKeyAndIsSignedWithES256() {
        String header = new String(Base64.getUrlDecoder().decode(TOKENS.issue(7, "alice", List.of("user")).token()
                .split("\\.")[0]));

        assertThat(header).contains("\"alg\":\"ES256\"").contains("\"kid\":\"" + TOKENS.keyId() + "\"");
    }

    @Test
    void aTokenOfARotatedInKeyIsAcceptedOnceTheIssuerPublishesIt() throws Exception {
        com.nimbusds.jose.jwk.ECKey oldKey = TestTokens.generate();
        com.nimbusds.jose.jwk.ECKey newKey = TestTokens.generate();
        java.util.concurrent.atomic.AtomicReference<String> published =
                new java.util.concurrent.atomic.AtomicReference<>(new JWKSet(oldKey).toPublicJWKSet().toString());
        com.sun.net.httpserver.HttpServer issuer = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        issuer.createContext("/.well-known/jwks.json", exchange -> {
            byte[] body = published.get().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        issuer.start();
        try {
            AuthProperties remote = new AuthProperties(URI.create("http://127.0.0.1:" + issuer.getAddress().getPort()
                    + "/.well-known/jwks.json"), null, Duration.ofMinutes(5), Duration.ofMillis(500), 30,
                    "event-commerce", Duration.ofSeconds(30), Duration.ofHours(1), revocationKey);
            AccessTokenVerifier verifier = new AccessTokenVerifier(AccessTokenVerifier.decoder(
                    AccessTokenVerifier.publicKeys(remote), new AccessTokenRules(remote, revocations, Clock.systemUTC())));
            String signedByOld = signedBy(oldKey);
            String signedByNew = signedBy(newKey);

            assertThat(verifier.verify(signedByOld).userId()).isEqualTo(7);
            assertThatThrownBy(() -> verifier.verify(signedByNew)).as("a key the issuer does not publish")
                    .isInstanceOf(InvalidTokenException.class);

            published.set(new JWKSet(List.of(newKey, oldKey)).toPublicJWKSet().toString());
            Thread.sleep(600);

            assertThat(verifier.verify(signedByNew).userId()).as("fetched again for the unknown kid").isEqualTo(7);
            assertThat(verifier.verify(signedByOld).userId()).as("both keys active during the rotation").isEqualTo(7);
        } finally {
            issuer.stop(0);
        }
    }

    private static String signedBy(com.nimbusds.jose.jwk.ECKey key) {
        Instant now = Instant.now();
        return io.jsonwebtoken.Jwts.builder().header().keyId(key.getKeyID()).and()
                .issuer("event-commerce").subject("alice").claim("user_id", 7).claim("roles", List.of("user"))
                .issuedAt(Date.from(now)).expiration(Date.from(now.plus(Duration.ofMinutes(10))))
                .signWith(TestTokens.privateKey(key), io.jsonwebtoken.Jwts.SIG.ES256).compact();
    }

    private String reason(String token) {
        try {
            verifier.verify(token);
            return "accepted";
        } catch (InvalidTokenException e) {
            return e.getMessage();
        }
    }

    private static JWKSet publicKeys() {
        try {
            return JWKSet.parse(TOKENS.publicJwks());
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
