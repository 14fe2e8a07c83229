package dev.eventcommerce.user.web;

import static dev.eventcommerce.user.web.UserServiceTestSupport.ADMIN;
import static dev.eventcommerce.user.web.UserServiceTestSupport.ADMIN_PASSWORD;
import static dev.eventcommerce.user.web.UserServiceTestSupport.login;
import static dev.eventcommerce.user.web.UserServiceTestSupport.register;
import static dev.eventcommerce.user.web.UserServiceTestSupport.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.platform.auth.AuthProperties;
import dev.eventcommerce.platform.auth.TokenRevocations;
import dev.eventcommerce.platform.testing.TestTokens;
import dev.eventcommerce.platform.testing.ApiClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The user API over real HTTP, against the real PostgreSQL and Redis on localhost. */
@UserServiceTest
class UserApiIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    AuthProperties authProperties;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @Test
    void registeringAnswers201WithTheSeedsShapeAndNoPassword() {
        String name = uniqueName("alice");

        ApiClient.Response response = api.postJson("/register",
                "{\"username\":\"" + name + "\",\"password\":\"Test@123\"}", null);

        assertThat(response.status()).isEqualTo(201);
        JsonNode user = response.json();
        assertThat(user.get("id").isIntegralNumber()).isTrue();
        assertThat(user.get("username").asString()).isEqualTo(name);
        assertThat(user.get("is_active").asBoolean()).isTrue();
        assertThat(user.get("created_at").asString()).isNotBlank();
        assertThat(user.get("updated_at").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Test@123").doesNotContain("password").doesNotContain("$2a$");
    }

    @Test
    void everyChangeIsAnEventInTheEventTableWithoutThePasswordHash() {
        String name = uniqueName("events");
        String id = register(api, name, "first-password");
        String token = login(api, name, "first-password");
        api.putJson("/users/me/password", "{\"current_password\":\"first-password\",\"new_password\":\"second-password\"}",
                token);

        List<String> types = jdbc.sql("""
                        SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber""")
                .param(id).query(String.class).list();
        assertThat(types).containsExactly("dev.eventcommerce.user.api.UserRegistered",
                "dev.eventcommerce.user.api.PasswordChanged");
        List<String> payloads = jdbc.sql("""
                        SELECT convert_from(payload, 'UTF8') FROM domainevententry WHERE aggregateidentifier = ?""")
                .param(id).query(String.class).list();
        assertThat(payloads).allSatisfy(payload -> assertThat(payload)
                .doesNotContain("password").doesNotContain("$2a$").doesNotContain("$2b$"));
        assertThat(jdbc.sql("SELECT data_type FROM information_schema.columns WHERE table_name = 'domainevententry' "
                + "AND column_name = 'payload'").query(String.class).single()).isEqualTo("bytea");
    }

    @Test
    void invalidRegistrationsAre422ProblemsAndStoreNothing() {
        long eventsBefore = eventCount();
        for (String body : List.of(
                "{\"username\":\"ab\",\"password\":\"Test@123\"}",
                "{\"username\":\"" + "x".repeat(51) + "\",\"password\":\"Test@123\"}",
                "{\"username\":\"" + uniqueName("short") + "\",\"password\":\"12345\"}",
                "{\"password\":\"Test@123\"}",
                "{\"username\":123456,\"password\":123456}",
                "{\"username\":[\"abc\"],\"password\":\"Test@123\"}",
                "{\"username\":\"" + uniqueName("extra") + "\",\"password\":\"Test@123\",\"is_admin\":true}",
                "[]",
                "{\"username\":\"nul\\u0000name\",\"password\":\"Test@123\"}",
                "{\"username\":\"" + uniqueName("long") + "\",\"password\":\"" + "é".repeat(40) + "\"}")) {
            ApiClient.Response response = api.postJson("/register", body, null);

            assertThat(response.status()).as(body).isEqualTo(422);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("detail").asString()).isNotBlank();
        }
        ApiClient.Response malformed = api.postJson("/register", "{\"username\":", null);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(malformed.body()).doesNotContain("Exception").doesNotContain("at dev.");
        ApiClient.Response plainText = api.send(api.request("/register", null).header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("alice:secret")));
        assertThat(plainText.status()).isEqualTo(415);
        assertThat(plainText.contentType()).startsWith("application/problem+json");
        assertThat(eventCount()).isEqualTo(eventsBefore);
    }

    @Test
    void anOversizedBodyIs413AndStoresNothing() {
        long eventsBefore = eventCount();
        String huge = "{\"username\":\"" + uniqueName("big") + "\",\"password\":\"" + "x".repeat(70_000) + "\"}";

        ApiClient.Response withLength = api.postJson("/register", huge, null);
        ApiClient.Response chunked = api.send(api.request("/register", null).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(huge.getBytes(java.nio.charset.StandardCharsets.UTF_8)))));

        for (ApiClient.Response response : List.of(withLength, chunked)) {
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        assertThat(eventCount()).isEqualTo(eventsBefore);
    }

    @Test
    void aTakenUsernameIs409() {
        String name = uniqueName("taken");
        register(api, name, "Test@123");

        ApiClient.Response again = api.postJson("/register", "{\"username\":\"" + name + "\",\"password\":\"Other@123\"}",
                null);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(login(api, name, "Test@123")).as("the first registration stands").isNotBlank();
    }

    @Test
    void loginRightAfterRegisteringReturnsABearerToken() {
        String name = uniqueName("bob");
        register(api, name, "Test@123");

        ApiClient.Response response = api.postForm("/login", Map.of("username", name, "password", "Test@123"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("token_type").asString()).isEqualTo("bearer");
        assertThat(response.json().get("access_token").asString()).isNotBlank();
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSame401() {
        String name = uniqueName("carol");
        register(api, name, "Test@123");

        ApiClient.Response wrongPassword = api.postForm("/login", Map.of("username", name, "password", "nope-nope"));
        ApiClient.Response unknownUser = api.postForm("/login",
                Map.of("username", uniqueName("nobody"), "password", "Test@123"));

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownUser.status()).isEqualTo(401);
        assertThat(wrongPassword.json().get("detail")).isEqualTo(unknownUser.json().get("detail"));
        assertThat(wrongPassword.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void repeatedFailedLoginsForAUsernameAreThrottled() {
        String name = uniqueName("guessed");
        register(api, name, "Right@123");
        for (int i = 0; i < 5; i++) {
            assertThat(api.postForm("/login", Map.of("username", name, "password", "guess-" + i)).status())
                    .isEqualTo(401);
        }

        ApiClient.Response throttled = api.postForm("/login", Map.of("username", name, "password", "Right@123"));

        assertThat(throttled.status()).as("even the right password waits").isEqualTo(429);
        assertThat(throttled.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 300L);
        String other = uniqueName("innocent");
        register(api, other, "Right@123");
        assertThat(login(api, other, "Right@123")).as("other usernames are not affected").isNotBlank();
    }

    @Test
    void validateTokenTellsValidFromInvalid() {
        String name = uniqueName("dave");
        String id = register(api, name, "Test@123");
        String token = login(api, name, "Test@123");

        JsonNode valid = api.postJson("/validate-token", "{\"token\":\"" + token + "\"}", null).json();
        assertThat(valid.get("valid").asBoolean()).isTrue();
        assertThat(valid.get("user_id").asString()).isEqualTo(id);
        assertThat(valid.get("username").asString()).isEqualTo(name);
        assertThat(valid.get("message").asString()).isNotBlank();

        for (String bad : List.of("garbage", token + "x", expiredToken(Long.parseLong(id), name),
                foreignToken(Long.parseLong(id), name))) {
            ApiClient.Response response = api.postJson("/validate-token", "{\"token\":\"" + bad + "\"}", null);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().get("valid").asBoolean()).isFalse();
            assertThat(response.json().get("message").asString()).isNotBlank();
        }
    }

    @Test
    void usersMeAnswersTheCallerAndRefusesBadTokens() {
        String name = uniqueName("erin");
        String id = register(api, name, "Test@123");
        String token = login(api, name, "Test@123");

        ApiClient.Response me = api.get("/users/me", token);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("id").asString()).isEqualTo(id);

        assertThat(api.get("/users/me", null).status()).isEqualTo(401);
        for (String bad : List.of("garbage", expiredToken(Long.parseLong(id), name), foreignToken(Long.parseLong(id), name))) {
            ApiClient.Response refused = api.get("/users/me", bad);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void changingThePasswordNeedsTheCurrentOne() {
        String name = uniqueName("frank");
        register(api, name, "first-password");
        String token = login(api, name, "first-password");

        ApiClient.Response wrong = api.putJson("/users/me/password",
                "{\"current_password\":\"not-it\",\"new_password\":\"second-password\"}", token);
        assertThat(wrong.status()).isEqualTo(400);

        ApiClient.Response changed = api.putJson("/users/me/password",
                "{\"current_password\":\"first-password\",\"new_password\":\"second-password\"}", token);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(api.postForm("/login", Map.of("username", name, "password", "first-password")).status()).isEqualTo(401);
        assertThat(login(api, name, "second-password")).isNotBlank();
    }

    @Test
    void anAdminDeactivatesAUserWhoseTokensStopWorkingEverywhere() throws InterruptedException {
        String name = uniqueName("gina");
        String id = register(api, name, "Test@123");
        String token = login(api, name, "Test@123");
        String adminToken = login(api, ADMIN, ADMIN_PASSWORD);
        // another service's verifier: same Redis hash, reloaded as its schedule would
        TokenRevocations otherService = new TokenRevocations(redis, authProperties.revocationKey());

        ApiClient.Response deactivated = api.postJson("/users/" + id + "/deactivate", "", adminToken);

        assertThat(deactivated.status()).isEqualTo(200);
        assertThat(deactivated.json().get("is_active").asBoolean()).isFalse();
        assertThat(api.get("/users/me", token).status()).isEqualTo(401);
        assertThat(api.postJson("/validate-token", "{\"token\":\"" + token + "\"}", null).json().get("valid").asBoolean())
                .isFalse();
        assertThat(api.postForm("/login", Map.of("username", name, "password", "Test@123")).status()).isEqualTo(401);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!otherService.deactivated(Long.parseLong(id)) && System.nanoTime() < deadline) {
            otherService.refresh();
            Thread.sleep(50);
        }
        assertThat(otherService.deactivated(Long.parseLong(id))).as("another service refuses it within seconds").isTrue();
    }

    @Test
    void onlyAnAdminMayDeactivateAndNeverItself() {
        String name = uniqueName("hank");
        String id = register(api, name, "Test@123");
        String token = login(api, name, "Test@123");
        String adminToken = login(api, ADMIN, ADMIN_PASSWORD);
        String adminId = api.get("/users/me", adminToken).json().get("id").asString();

        assertThat(api.postJson("/users/" + id + "/deactivate", "", null).status()).isEqualTo(401);
        assertThat(api.postJson("/users/" + adminId + "/deactivate", "", token).status()).isEqualTo(403);
        assertThat(api.postJson("/users/" + adminId + "/deactivate", "", adminToken).status()).isEqualTo(409);
        assertThat(api.postJson("/users/999999/deactivate", "", adminToken).status()).isEqualTo(404);
        assertThat(api.get("/users/me", token).status()).as("nothing changed").isEqualTo(200);
    }

    @Test
    void healthShowsTheDatabaseInTheSeedsShape() {
        ApiClient.Response health = api.get("/health", null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("healthy");
        assertThat(health.json().get("database").asString()).isEqualTo("connected");
        assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
    }

    @Test
    void docsAndOpenApiAreServed() {
        ApiClient.Response openApi = api.get("/openapi.json", null);
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.json().get("paths").has("/register")).isTrue();
        assertThat(openApi.json().get("paths").has("/login")).isTrue();

        ApiClient.Response docs = api.send(api.request("/docs", null).GET());
        assertThat(docs.status()).isIn(200, 302);
        assertThat(api.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
    }

    @Test
    void corsPreflightFromABrowserIsAnswered() {
        ApiClient.Response preflight = api.send(api.request("/register", null)
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type"));

        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isIn("*", "http://localhost:3000");
    }

    private long eventCount() {
        return jdbc.sql("SELECT count(*) FROM domainevententry").query(Long.class).single();
    }

    private static String expiredToken(long userId, String username) {
        return TestTokens.shared().builder(userId, username, List.of("user"))
                .issuedAt(Date.from(Instant.now().minus(Duration.ofHours(1))))
                .expiration(Date.from(Instant.now().minus(Duration.ofMinutes(40))))
                .compact();
    }

    /** The admin role, signed with a key the service does not publish. */
    private static String foreignToken(long userId, String username) {
        return io.jsonwebtoken.Jwts.builder().issuer("event-commerce").subject(username).claim("user_id", userId)
                .claim("roles", List.of("admin"))
                .issuedAt(Date.from(Instant.now()))
                .expiration(Date.from(Instant.now().plus(Duration.ofMinutes(10))))
                .signWith(TestTokens.privateKey(TestTokens.generate()), io.jsonwebtoken.Jwts.SIG.ES256)
                .compact();
    }
}
