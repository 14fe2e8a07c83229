package dev.eventcommerce.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.DynamicTest;

/**
 * Bearer values no service may accept, for one user: missing, malformed, tampered, unsigned
 * ({@code alg: none}), expired, not yet valid, signed with another key, HMAC-signed with every secret found
 * in the repository or with the published public key, from another issuer, without the claims a token must
 * have ({@code exp}, {@code iat}, {@code user_id}), living longer than tokens are issued for, with a
 * non-integral {@code user_id} or an unknown role. Each of them must get 401 on every protected endpoint
 * of every service.
 */
public final class BadTokens {

    public static final String ISSUER = TestTokens.ISSUER;

    private BadTokens() {
    }

    /** Name → Authorization header value ({@code null}: no header at all). */
    public static Map<String, String> forUser(long userId, String username, List<String> roles) {
        TestTokens tokens = TestTokens.shared();
        Instant now = Instant.now();
        String valid = tokens.issue(userId, username, roles).token();
        String[] parts = valid.split("\\.");
        String claims = parts[1];
        // another user's id and the admin role: certainly not the payload that was signed
        String adminClaims = base64("{\"iss\":\"" + ISSUER + "\",\"sub\":\"root\",\"user_id\":" + (userId + 1000)
                + ",\"roles\":[\"admin\",\"user\"],\"iat\":" + now.getEpochSecond() + ",\"exp\":"
                + now.plus(Duration.ofMinutes(10)).getEpochSecond() + "}");
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);

        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("no Authorization header", null);
        bad.put("empty bearer", "Bearer ");
        bad.put("another scheme", "Basic " + base64(username + ":password"));
        bad.put("garbage", "Bearer not-a-jwt");
        bad.put("three garbage parts", "Bearer a.b.c");
        bad.put("the token twice", "Bearer " + valid + " " + valid);
        bad.put("bad signature", "Bearer " + parts[0] + "." + claims + "." + flip(parts[2]));
        bad.put("claims raised to admin, signature kept", "Bearer " + parts[0] + "." + adminClaims + "." + parts[2]);
        bad.put("alg none, no signature", "Bearer " + base64("{\"alg\":\"none\"}") + "." + adminClaims + ".");
        bad.put("alg none, signature kept", "Bearer " + base64("{\"alg\":\"none\"}") + "." + claims + "." + parts[2]);
        bad.put("alg RS256 header over an ES256 signature",
                "Bearer " + base64(header.replace("ES256", "RS256")) + "." + claims + "." + parts[2]);
        bad.put("alg HS256, HMAC keyed with the published public key (algorithm confusion)",
                "Bearer " + hmac(tokens.publicJwks(), tokens.keyId(), userId, now));
        bad.put("expired", "Bearer " + tokens.builder(userId, username, roles)
                .issuedAt(Date.from(now.minus(Duration.ofMinutes(40)))).expiration(Date.from(now.minus(Duration.ofMinutes(5))))
                .compact());
        bad.put("not yet valid", "Bearer " + tokens.builder(userId, username, roles)
                .notBefore(Date.from(now.plus(Duration.ofMinutes(10)))).compact());
        bad.put("signed with another key under the same kid", "Bearer " + Jwts.builder()
                .header().keyId(tokens.keyId()).and()
                .issuer(ISSUER).subject(username).claim("user_id", userId).claim("roles", roles)
                .issuedAt(Date.from(now)).expiration(Date.from(now.plus(Duration.ofMinutes(30))))
                .signWith(TestTokens.privateKey(TestTokens.generate()), Jwts.SIG.ES256).compact());
        bad.put("signed with another key under an unknown kid", "Bearer " + Jwts.builder()
                .header().keyId("unknown-key").and()
                .issuer(ISSUER).subject(username).claim("user_id", userId).claim("roles", roles)
                .issuedAt(Date.from(now)).expiration(Date.from(now.plus(Duration.ofMinutes(30))))
                .signWith(TestTokens.privateKey(TestTokens.generate()), Jwts.SIG.ES256).compact());
        bad.put("from another issuer", "Bearer " + tokens.builder(userId, username, roles).issuer("someone-else").compact());
        bad.put("without user_id", "Bearer " + tokens.builder(userId, username, roles).claim("user_id", null)
                .compact());
        bad.put("without exp", "Bearer " + tokens.builder(userId, username, roles).expiration(null).compact());
        bad.put("without iat", "Bearer " + tokens.builder(userId, username, roles).issuedAt(null).compact());
        bad.put("living longer than tokens are issued for", "Bearer " + tokens.builder(userId, username, roles)
                .expiration(Date.from(now.plus(Duration.ofDays(365)))).compact());
        bad.put("a fractional user_id", "Bearer " + tokens.builder(userId, username, roles).claim("user_id", userId + 0.5)
                .compact());
        bad.put("a user_id as text", "Bearer " + tokens.builder(userId, username, roles)
                .claim("user_id", String.valueOf(userId)).compact());
        bad.put("a negative user_id", "Bearer " + tokens.builder(userId, username, roles).claim("user_id", -userId)
                .compact());
        bad.put("an unknown role", "Bearer " + tokens.builder(userId, username, roles)
                .claim("roles", List.of("user", "superuser")).compact());
        bad.put("no roles", "Bearer " + tokens.builder(userId, username, roles).claim("roles", null)
                .compact());
        int index = 0;
        for (String secret : RepositoryKeys.secrets()) {
            if (secret.getBytes(StandardCharsets.UTF_8).length >= 32) {
                bad.put("HS256 with a value found in the repository (#" + (++index) + ")",
                        "Bearer " + hmac(secret, null, userId, now));
            }
        }
        return bad;
    }

    /** A protected endpoint: its method, its path and, for a write, a JSON body it would accept. */
    public record Endpoint(String method, String path, String body) {

        public static Endpoint get(String path) {
            return new Endpoint("GET", path, null);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /**
     * One test for each bad token on each endpoint: a 401 problem that asks for a bearer token, and the
     * service's {@code state} (a {@link BadRequests#fingerprint}) the same after it as before.
     */
    public static Stream<DynamicTest> refusedOnEveryEndpoint(ApiClient api, Map<String, String> tokens,
                                                           List<Endpoint> endpoints, Supplier<String> state) {
        return tokens.entrySet().stream().flatMap(token -> endpoints.stream().map(endpoint -> DynamicTest.dynamicTest(
                endpoint + " with " + token.getKey(), () -> {
                    String before = state.get();
                    ApiClient.Response response = BadRequests.sendWithAuthorization(
                            api, endpoint.method(), endpoint.path(), endpoint.body(), token.getValue());

                    BadRequests.assertUnauthorized(token.getKey(), response);
                    assertThat(state.get()).as("state after " + endpoint + " with " + token.getKey()).isEqualTo(before);
                })));
    }

    /** An HS256 token, keyed with this text, that makes its bearer an admin. */
    private static String hmac(String secret, String keyId, long userId, Instant now) {
        SecretKey key = Keys.hmacShaKeyFor(secret.getBytes(StandardCharsets.UTF_8));
        var builder = Jwts.builder();
        if (keyId != null) {
            builder.header().keyId(keyId);
        }
        return builder.issuer(ISSUER).subject("root").claim("user_id", userId + 1000)
                .claim("roles", List.of("admin", "user"))
                .issuedAt(Date.from(now)).expiration(Date.from(now.plus(Duration.ofMinutes(10))))
                .signWith(key, Jwts.SIG.HS256).compact();
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The signature with its first character changed: certainly a different signature. */
    private static String flip(String signature) {
        return (signature.charAt(0) == 'A' ? "B" : "A") + signature.substring(1);
    }
}
