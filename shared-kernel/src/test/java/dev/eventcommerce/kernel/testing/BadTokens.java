package dev.eventcommerce.kernel.testing;

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
import javax.crypto.SecretKey;

/**
 * Bearer values no service may accept, for one user: missing, malformed, tampered, unsigned
 * ({@code alg: none}), expired, not yet valid, signed with another key, from another issuer, without the
 * claims a token must have. Each of them must get 401 on every protected endpoint of every service.
 */
public final class BadTokens {

    public static final String ISSUER = "event-commerce";

    private BadTokens() {
    }

    /** Name → Authorization header value ({@code null}: no header at all). */
    public static Map<String, String> forUser(String secret, long userId, String username, List<String> roles) {
        SecretKey key = Keys.hmacShaKeyFor(secret.getBytes(StandardCharsets.UTF_8));
        SecretKey otherKey = Keys.hmacShaKeyFor("another-service-key-of-at-least-32-bytes!".getBytes(StandardCharsets.UTF_8));
        Instant now = Instant.now();
        String valid = token(key, ISSUER, userId, username, roles, now, now.plus(Duration.ofHours(1)));
        String[] parts = valid.split("\\.");
        String claims = parts[1];
        // another user's id and the admin role: certainly not the payload that was signed
        String adminClaims = base64("{\"iss\":\"" + ISSUER + "\",\"sub\":\"root\",\"user_id\":" + (userId + 1000)
                + ",\"roles\":[\"admin\",\"user\"],\"iat\":" + now.getEpochSecond() + ",\"exp\":"
                + now.plus(Duration.ofHours(1)).getEpochSecond() + "}");

        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("no Authorization header", null);
        tokens.put("empty bearer", "Bearer ");
        tokens.put("another scheme", "Basic " + base64(username + ":password"));
        tokens.put("garbage", "Bearer not-a-jwt");
        tokens.put("three garbage parts", "Bearer a.b.c");
        tokens.put("the token twice", "Bearer " + valid + " " + valid);
        tokens.put("bad signature", "Bearer " + parts[0] + "." + claims + "." + flip(parts[2]));
        tokens.put("claims raised to admin, signature kept", "Bearer " + parts[0] + "." + adminClaims + "." + parts[2]);
        tokens.put("alg none, no signature", "Bearer " + base64("{\"alg\":\"none\"}") + "." + adminClaims + ".");
        tokens.put("alg none, signature kept", "Bearer " + base64("{\"alg\":\"none\"}") + "." + claims + "." + parts[2]);
        tokens.put("alg RS256 header over an HMAC signature",
                "Bearer " + base64("{\"alg\":\"RS256\"}") + "." + claims + "." + parts[2]);
        tokens.put("expired", "Bearer " + token(key, ISSUER, userId, username, roles,
                now.minus(Duration.ofHours(2)), now.minus(Duration.ofMinutes(5))));
        tokens.put("signed with another key", "Bearer " + token(otherKey, ISSUER, userId, username, roles, now,
                now.plus(Duration.ofHours(1))));
        tokens.put("from another issuer", "Bearer " + token(key, "someone-else", userId, username, roles, now,
                now.plus(Duration.ofHours(1))));
        tokens.put("without user_id", "Bearer " + Jwts.builder().issuer(ISSUER).subject(username)
                .claim("roles", roles).issuedAt(Date.from(now)).expiration(Date.from(now.plus(Duration.ofHours(1))))
                .signWith(key, Jwts.SIG.HS256).compact());
        tokens.put("not yet valid", "Bearer " + Jwts.builder().issuer(ISSUER).subject(username)
                .claim("user_id", userId).claim("roles", roles).issuedAt(Date.from(now))
                .notBefore(Date.from(now.plus(Duration.ofHours(1)))).expiration(Date.from(now.plus(Duration.ofHours(2))))
                .signWith(key, Jwts.SIG.HS256).compact());
        return tokens;
    }

    private static String token(SecretKey key, String issuer, long userId, String username, List<String> roles,
                                Instant issuedAt, Instant expiresAt) {
        return Jwts.builder().issuer(issuer).subject(username).claim("user_id", userId).claim("roles", roles)
                .issuedAt(Date.from(issuedAt)).expiration(Date.from(expiresAt))
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
