package dev.eventcommerce.user.web;

import static dev.eventcommerce.platform.testing.BadRequests.Field.required;
import static dev.eventcommerce.platform.testing.BadRequests.Field.text;
import static dev.eventcommerce.user.web.UserServiceTestSupport.login;
import static dev.eventcommerce.user.web.UserServiceTestSupport.register;
import static dev.eventcommerce.user.web.UserServiceTestSupport.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.eventcommerce.platform.testing.ApiClient;
import dev.eventcommerce.platform.testing.BadRequests;
import dev.eventcommerce.platform.testing.BadRequests.BadRequest;
import dev.eventcommerce.platform.testing.BadRequests.Kind;
import dev.eventcommerce.platform.testing.BadTokens;
import dev.eventcommerce.platform.testing.BadTokens.Endpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every user endpoint against the table of bad requests and the table of bad tokens: each a 4xx
 * problem, none changing a user, a credential or an event; and the security headers.
 */
@UserServiceTest
class UserBadInputIT {

    private static final String FORM = "application/x-www-form-urlencoded";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @TestFactory
    Stream<DynamicTest> everyBadRequestIsAProblemAndChangesNothing() {
        ApiClient api = new ApiClient(port);
        String name = uniqueName("erin");
        String id = register(api, name, "erin-password");
        String userToken = login(api, name, "erin-password");
        String adminToken = login(api, UserServiceTestSupport.ADMIN, UserServiceTestSupport.ADMIN_PASSWORD);
        Supplier<String> user = () -> userToken;
        Supplier<String> admin = () -> adminToken;

        List<BadRequest> table = new ArrayList<>();
        table.addAll(BadRequests.jsonBody("POST", "/register", null, List.of(
                text("username", uniqueName("new"), 50, true),
                text("password", "a-good-password", 72, true))));
        table.add(new BadRequest("username of two characters", "POST", "/register", "application/json",
                "{\"username\":\"ab\",\"password\":\"a-good-password\"}", null, Map.of(), 422));
        table.add(new BadRequest("password of five characters", "POST", "/register", "application/json",
                "{\"username\":\"" + uniqueName("short") + "\",\"password\":\"12345\"}", null, Map.of(), 422));
        table.add(new BadRequest("password of 25 characters but 75 bytes", "POST", "/register", "application/json",
                "{\"username\":\"" + uniqueName("euro") + "\",\"password\":\"" + "€".repeat(25) + "\"}", null, Map.of(),
                422));
        table.add(new BadRequest("a username that is taken", "POST", "/register", "application/json",
                "{\"username\":\"" + name + "\",\"password\":\"another-password\"}", null, Map.of(), 409));
        // any text is a token to check (a bad one is 200 valid: false, the seed's contract): only its type is refused
        table.addAll(BadRequests.jsonBody("POST", "/validate-token", null,
                List.of(required("token", Kind.OPAQUE_TEXT, "x.y.z"))));
        table.addAll(BadRequests.jsonBody("PUT", "/users/me/password", user, List.of(
                required("current_password", Kind.OPAQUE_TEXT, "erin-password"),
                text("new_password", "a-new-password", 72, true))));
        table.add(new BadRequest("a wrong current password", "PUT", "/users/me/password", "application/json",
                "{\"current_password\":\"not-erins\",\"new_password\":\"a-new-password\"}", user, Map.of(), 400));
        table.add(new BadRequest("a current password over 72 bytes", "PUT", "/users/me/password", "application/json",
                "{\"current_password\":\"" + "x".repeat(100) + "\",\"new_password\":\"a-new-password\"}", user, Map.of(),
                400));
        for (String body : List.of("", "username=" + name, "password=erin-password", "username=&password=",
                "username=" + name + "&password=wrong", "username=" + name + "&password=" + "x".repeat(100),
                "username=" + "x".repeat(10_000) + "&password=whatever", "username=nobody-here&password=whatever")) {
            boolean missing = !body.contains("username=") || !body.contains("password=");
            // credentials no account can have (a username over 50 characters, a password over 72 bytes) are
            // refused before any work: 422, as a missing field
            boolean oversized = body.contains("x".repeat(51));
            table.add(new BadRequest("login form " + (body.length() > 40 ? body.substring(0, 40) + "…" : body), "POST",
                    "/login", FORM, body, null, Map.of(), missing || oversized ? 422 : 401));
        }
        table.add(new BadRequest("login as JSON", "POST", "/login", "application/json",
                "{\"username\":\"" + name + "\",\"password\":\"erin-password\"}", null, Map.of(), 415));
        table.add(new BadRequest("login without a content type", "POST", "/login", null,
                "username=" + name + "&password=erin-password", null, Map.of(), 415));
        table.add(new BadRequest("login form over 64 KB", "POST", "/login", FORM,
                "username=" + name + "&password=" + "x".repeat(BadRequests.OVERSIZED_BYTES), null, Map.of(), 413));
        table.addAll(BadRequests.pathIds("GET", "/users/{id}", admin, null, 400));
        table.addAll(BadRequests.pathIds("POST", "/users/{id}/deactivate", admin, null, 400));
        table.add(new BadRequest("a user reading another user", "GET", "/users/1", null, null, user, Map.of(), 403));
        table.add(new BadRequest("a user deactivating the admin", "POST", "/users/1/deactivate", null, null, user,
                Map.of(), 403));
        table.add(new BadRequest("a user listing processors", "GET", "/admin/processors", null, null, user, Map.of(),
                403));
        table.add(new BadRequest("replay of an unknown processor", "POST", "/admin/processors/no-such/replay", null,
                null, admin, Map.of(), 404));

        String[] tables = {"users", "user_credentials"};
        return table.stream().map(row -> dynamicTest(row.toString(), () -> {
            String before = BadRequests.fingerprint(jdbc, tables);

            BadRequests.assertRefused(row, row.send(api));

            assertThat(BadRequests.fingerprint(jdbc, tables)).as("state after " + row).isEqualTo(before);
            assertThat(api.get("/users/me", userToken).status()).as("erin is untouched").isEqualTo(200);
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyProtectedEndpointRefusesEveryBadToken() {
        ApiClient api = new ApiClient(port);
        String name = uniqueName("frank");
        long id = Long.parseLong(register(api, name, "frank-password"));
        String gone = uniqueName("gone");
        register(api, gone, "gone-password");
        String goneToken = login(api, gone, "gone-password");
        String adminToken = login(api, UserServiceTestSupport.ADMIN, UserServiceTestSupport.ADMIN_PASSWORD);
        long goneId = api.get("/users/me", goneToken).json().get("id").asLong();
        assertThat(api.postJson("/users/" + goneId + "/deactivate", "", adminToken).status()).isEqualTo(200);

        List<Endpoint> endpoints = List.of(Endpoint.get("/users/me"),
                new Endpoint("PUT", "/users/me/password", "{\"current_password\":\"frank-password\",\"new_password\":\"x-new-password\"}"),
                Endpoint.get("/users/" + id),
                new Endpoint("POST", "/users/" + id + "/deactivate", null),
                Endpoint.get("/admin/processors"));
        Map<String, String> tokens = new LinkedHashMap<>(BadTokens.forUser(id, name,
                List.of("admin", "user")));
        tokens.put("of a deactivated user", "Bearer " + goneToken);

        return BadTokens.refusedOnEveryEndpoint(api, tokens, endpoints,
                () -> BadRequests.fingerprint(jdbc, "users", "user_credentials"));
    }

    @Test
    void everyKindOfAnswerCarriesTheSecurityHeaders() {
        ApiClient api = new ApiClient(port);
        String name = uniqueName("gina");

        BadRequests.assertSecurityHeaders("201", api.postJson("/register",
                "{\"username\":\"" + name + "\",\"password\":\"gina-password\"}", null));
        BadRequests.assertSecurityHeaders("200 login", api.postForm("/login",
                Map.of("username", name, "password", "gina-password")));
        BadRequests.assertSecurityHeaders("401 login", api.postForm("/login",
                Map.of("username", name, "password", "wrong-password")));
        BadRequests.assertSecurityHeaders("401", api.get("/users/me", null));
        BadRequests.assertSecurityHeaders("422", api.postJson("/register", "{}", null));
        BadRequests.assertSecurityHeaders("health", api.get("/health", null));
    }
}
