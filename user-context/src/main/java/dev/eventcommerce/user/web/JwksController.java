package dev.eventcommerce.user.web;

import dev.eventcommerce.user.tokens.SigningKeys;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public keys tokens are signed with, for every service that verifies them (RFC 7517). */
@RestController
@Tag(name = "auth")
class JwksController {

    static final String PATH = "/.well-known/jwks.json";

    private final Map<String, Object> jwks;

    JwksController(SigningKeys keys) {
        this.jwks = keys.publicKeys().toJSONObject(true);
    }

    @Operation(summary = "The token signing keys (JWK Set, public parts only)",
            description = "ES256 keys, each with its kid; during a key rotation both keys are listed")
    @GetMapping(path = PATH, produces = {"application/jwk-set+json", MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic()).body(jwks);
    }
}
