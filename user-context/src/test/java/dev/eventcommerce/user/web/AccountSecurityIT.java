package dev.eventcommerce.user.web;

import static dev.eventcommerce.user.web.UserServiceTestSupport.login;
import static dev.eventcommerce.user.web.UserServiceTestSupport.register;
import static dev.eventcommerce.user.web.UserServiceTestSupport.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.platform.auth.AuthProperties;
import dev.eventcommerce.platform.auth.SecurityEvents;
import dev.eventcommerce.platform.auth.TokenRevocations;
import dev.eventcommerce.platform.testing.ApiClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sessions, accounts and the limits on what a caller can make the user service do, over real HTTP against the
 * real PostgreSQL and Redis: password changes revoke older tokens everywhere, new passwords and usernames
 * follow the rules, oversized credentials cost nothing, registrations, password changes and bcrypt are
 * bounded, and failed logins are security events without a password in sight.
 */
@UserServiceTest
@ExtendWith(OutputCaptureExtension.class)
class AccountSecurityIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("eventcommerce.users.password-changes-per-user", () -> "3");
        // one bcrypt at a time and no waiting: a burst of logins finds the bulkhead full
        registry.add("eventcommerce.users.bcrypt-concurrency", () -> "1");
        registry.add("eventcommerce.users.bcrypt-max-wait", () -> "0ms");
    }

    @LocalServerPort
    int port;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    AuthProperties authProperties;
    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @Test
    void aPasswordChangeRevokesEveryEarlierTokenHereAndInOtherServicesWhileANewLoginWorks() throws Exception {
        String name = uniqueName("rotating");
        String id = register(api, name, "first-Passw0rd");
        String before = login(api, name, "first-Passw0rd");
        TokenRevocations otherService = new TokenRevocations(redis, authProperties.revocationKey());

        ApiClient.Response changed = api.putJson("/users/me/password",
                "{\"current_password\":\"first-Passw0rd\",\"new_password\":\"second-Passw0rd\"}", before);
        String after = login(api, name, "second-Passw0rd");

        assertThat(changed.status()).isEqualTo(200);
        assertThat(api.get("/users/me", before).status()).as("the token from before, here, at once").isEqualTo(401);
        assertThat(api.get("/users/me", before).body()).contains("password");
        assertThat(api.get("/users/me", after).status()).as("a token from after the change").isEqualTo(200);
        long beforeIssuedAt = issuedAt(before);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!otherService.revoked(Long.parseLong(id), beforeIssuedAt) && System.nanoTime() < deadline) {
            otherService.refresh();
            Thread.sleep(50);
        }
        assertThat(otherService.revoked(Long.parseLong(id), beforeIssuedAt)).as("another service, within seconds").isTrue();
        assertThat(otherService.revoked(Long.parseLong(id), issuedAt(after))).isFalse();
    }

    @Test
    void passwordChangesAreThrottledPerUser() {
        String name = uniqueName("changer");
        register(api, name, "Passw0rd-0");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String token = login(api, name, "Passw0rd-" + i);
            statuses.add(api.putJson("/users/me/password", "{\"current_password\":\"Passw0rd-" + i
                    + "\",\"new_password\":\"Passw0rd-" + (i + 1) + "\"}", token).status());
        }
        String token = login(api, name, "Passw0rd-3");
        ApiClient.Response throttled = api.putJson("/users/me/password",
                "{\"current_password\":\"Passw0rd-3\",\"new_password\":\"Passw0rd-9\"}", token);

        assertThat(statuses).containsExactly(200, 200, 200, 429);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.contentType()).startsWith("application/problem+json");
        assertThat(throttled.header("Retry-After")).isNotBlank();
    }

    @Test
    void newPasswordsFollowTheRulesAndTheSeedsExamplesPass() {
        String name = uniqueName("ruled");
        for (String weak : List.of("Short1!", "        ", name, name.toUpperCase(), "password123", "iloveyou", "12345678",
                "qwertyuiop")) {
            ApiClient.Response refused = api.postJson("/register",
                    "{\"username\":\"" + name + "\",\"password\":\"" + weak + "\"}", null);
            assertThat(refused.status()).as("'" + weak + "'").isEqualTo(422);
            assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM users WHERE username = ?").param(name).query(Long.class).single())
                .as("nothing stored").isZero();
        for (String seed : List.of("Test@123", "Demo@123")) {
            assertThat(api.postJson("/register", "{\"username\":\"" + uniqueName("seed") + "\",\"password\":\"" + seed
                    + "\"}", null).status()).as(seed).isEqualTo(201);
        }
        register(api, name, "Good-Passw0rd");
        String token = login(api, name, "Good-Passw0rd");
        assertThat(api.putJson("/users/me/password", "{\"current_password\":\"Good-Passw0rd\",\"new_password\":\"password1\"}",
                token).status()).as("a common new password").isEqualTo(422);
    }

    @Test
    void usernamesAreUniqueWithoutCaseInTheirNormalFormAndInvisibleCharactersAreRefused() {
        String name = uniqueName("carla");
        register(api, name, "Test@123");

        assertThat(api.postJson("/register", "{\"username\":\"" + name.toUpperCase() + "\",\"password\":\"Test@123\"}", null)
                .status()).as("the same name in capitals").isEqualTo(409);
        String fullWidth = name.chars().mapToObj(c -> c >= 'a' && c <= 'z' ? String.valueOf((char) (c - 'a' + 'ａ'))
                : String.valueOf((char) c)).reduce("", String::concat);
        assertThat(api.postJson("/register", "{\"username\":\"" + fullWidth + "\",\"password\":\"Test@123\"}", null)
                .status()).as("the same name in full-width letters").isEqualTo(409);
        for (String invisible : List.of("\\u200b", "\\u200d", "\\u2060", "\\ufeff", "\\u00ad", "\\u3164")) {
            ApiClient.Response refused = api.postJson("/register",
                    "{\"username\":\"" + uniqueName("in") + invisible + "x\",\"password\":\"Test@123\"}", null);
            assertThat(refused.status()).as(invisible).isEqualTo(422);
        }
        assertThat(login(api, name.toUpperCase(), "Test@123")).as("logging in in another case").isNotBlank();
    }

    @Test
    void accountsFromBeforeTheRulesKeepLoggingIn() {
        String legacy = "Legacy_" + uniqueName("x");
        String id = register(api, legacy, "Test@123");
        // two names that differ only in case, as an older version allowed: the second has no canonical form
        String twin = legacy.toLowerCase();
        long twinId = Long.parseLong(id) + 100_000;
        jdbc.sql("INSERT INTO user_credentials (user_id, username, password_hash) "
                        + "SELECT ?, ?, password_hash FROM user_credentials WHERE user_id = ?")
                .params(twinId, twin, Long.parseLong(id)).update();
        jdbc.sql("INSERT INTO users (id, username, is_active, roles, created_at, updated_at) VALUES (?, ?, TRUE, 'user', now(), now())")
                .params(twinId, twin).update();

        assertThat(login(api, legacy, "Test@123")).isNotBlank();
        assertThat(api.get("/users/me", login(api, twin, "Test@123")).json().get("id").asLong()).isEqualTo(twinId);
    }

    @Test
    void oversizedCredentialsAre422BeforeAnyWork(CapturedOutput output) {
        ApiClient.Response longName = api.postForm("/login", Map.of("username", "u".repeat(51), "password", "whatever"));
        ApiClient.Response longPassword = api.postForm("/login", Map.of("username", "someone", "password", "€".repeat(25)));
        ApiClient.Response longRegistration = api.postJson("/register",
                "{\"username\":\"" + "n".repeat(51) + "\",\"password\":\"Test@123\"}", null);

        assertThat(List.of(longName.status(), longPassword.status(), longRegistration.status())).containsOnly(422);
        assertThat(longName.contentType()).startsWith("application/problem+json");
        assertThat(output.getOut()).as("not even a failed login to log").doesNotContain("login-failed");
    }

    @Test
    void failedLoginsAreSecurityEventsWithAHashedUsernameAndNeverThePassword(CapturedOutput output) {
        String name = uniqueName("target");
        register(api, name, "Test@123");

        api.postForm("/login", Map.of("username", name, "password", "My-Secret-Guess-42"));
        api.get("/users/me", "not-a-token");

        assertThat(output.getOut()).contains(SecurityEvents.hash(name)).contains("login-failed")
                .contains("authentication-refused").contains("127.0.0.1")
                .doesNotContain("My-Secret-Guess-42");
        assertThat(output.getOut().lines().filter(line -> line.contains("login-failed")))
                .noneMatch(line -> line.contains(name));
    }

    @Test
    void fiveWrongPasswordsDelayTheOwnerBrieflyButDoNotLockThemOut() throws Exception {
        String name = uniqueName("owner");
        register(api, name, "Test@123");
        for (int i = 0; i < 5; i++) {
            api.postForm("/login", Map.of("username", name, "password", "wrong-" + i));
        }
        ApiClient.Response delayed = api.postForm("/login", Map.of("username", name, "password", "Test@123"));
        assertThat(delayed.status()).isEqualTo(429);

        Thread.sleep(Long.parseLong(delayed.header("Retry-After")) * 1000 + 200);

        assertThat(login(api, name, "Test@123")).as("after the short delay, in").isNotBlank();
    }

    @Test
    void bcryptRunsBehindABulkheadAndAFullOneAnswers503WithRetryAfter() throws Exception {
        String name = uniqueName("crowd");
        register(api, name, "Test@123");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<ApiClient.Response>> logins = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                logins.add(() -> new ApiClient(port).postForm("/login", Map.of("username", name, "password", "Test@123")));
            }
            List<ApiClient.Response> answers = new ArrayList<>();
            for (Future<ApiClient.Response> answer : pool.invokeAll(logins)) {
                answers.add(answer.get());
            }

            assertThat(answers).extracting(ApiClient.Response::status).containsOnly(200, 503).contains(503);
            assertThat(answers).filteredOn(answer -> answer.status() == 503)
                    .allSatisfy(answer -> {
                        assertThat(answer.header("Retry-After")).isEqualTo("1");
                        assertThat(answer.contentType()).startsWith("application/problem+json");
                    });
        } finally {
            pool.shutdownNow();
        }
    }

    private static long issuedAt(String token) {
        String claims = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        return Long.parseLong(claims.replaceAll(".*\"iat\":(\\d+).*", "$1"));
    }
}
