package dev.eventcommerce.catalog.web;

import static dev.eventcommerce.catalog.web.CatalogServiceTestSupport.product;
import static dev.eventcommerce.platform.testing.BadRequests.Field.required;
import static dev.eventcommerce.platform.testing.BadRequests.Field.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.eventcommerce.platform.testing.TestTokens;
import dev.eventcommerce.platform.auth.TokenRevocations;
import dev.eventcommerce.platform.testing.ApiClient;
import dev.eventcommerce.platform.testing.BadRequests;
import dev.eventcommerce.platform.testing.BadRequests.BadRequest;
import dev.eventcommerce.platform.testing.BadRequests.Field;
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
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every product endpoint against the table of bad requests and the table of bad tokens: each a 4xx
 * problem, none changing anything; and the security headers on every kind of answer.
 */
@CatalogServiceTest
class ProductBadInputIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    final TestTokens accessTokens = TestTokens.shared();

    @TestFactory
    Stream<DynamicTest> everyBadRequestIsAProblemAndChangesNothing() {
        ApiClient api = new ApiClient(port);
        String token = accessTokens.issue(11, "tester", List.of("user")).token();
        Supplier<String> user = () -> token;
        long id = api.postJson("/products", product("Stable", "10.00", 5), token).json().get("id").asLong();
        String existing = "/products/" + id;

        List<BadRequest> table = new ArrayList<>();
        table.addAll(BadRequests.jsonBody("POST", "/products", user, List.of(
                text("name", "Widget", 255, true),
                text("description", "A widget", 1000, false),
                required("price", Kind.MONEY, 9.99),
                required("quantity", Kind.NON_NEGATIVE_INTEGER, 3))));
        table.addAll(BadRequests.jsonBody("PUT", existing, user, List.of(
                new Field("name", Kind.TEXT, "Renamed", false, 255),
                new Field("description", Kind.TEXT, "Described", false, 1000),
                new Field("price", Kind.MONEY, 12.50, false, 0),
                new Field("quantity", Kind.NON_NEGATIVE_INTEGER, 7, false, 0))));
        table.addAll(BadRequests.pathIds("GET", "/products/{id}", null, null, 400));
        table.addAll(BadRequests.pathIds("PUT", "/products/{id}", user, "{\"price\":1.00}", 400));
        table.addAll(BadRequests.pathIds("DELETE", "/products/{id}", user, null, 400));
        table.addAll(BadRequests.paging("/products", null));
        String adminToken = accessTokens.issue(1, "admin", List.of("admin", "user")).token();
        table.addAll(BadRequests.pathIds("GET", "/admin/products/{id}/events", () -> adminToken, null, 400));
        table.add(new BadRequest("a user reading a product's events", "GET", "/admin/products/" + id + "/events",
                null, null, user, Map.of(), 403));
        table.add(new BadRequest("the events of a product that never existed", "GET", "/admin/products/987654/events",
                null, null, () -> adminToken, Map.of(), 404));

        return table.stream().map(row -> dynamicTest(row.toString(), () -> {
            String before = BadRequests.fingerprint(jdbc, "products");

            BadRequests.assertRefused(row, row.send(api));

            assertThat(BadRequests.fingerprint(jdbc, "products")).as("state after " + row).isEqualTo(before);
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyWriteRefusesEveryBadToken(ApplicationContext service,
            @Autowired TokenRevocations deactivatedUsers) {
        ApiClient api = new ApiClient(port);
        long id = api.postJson("/products", product("Guarded", "10.00", 5),
                accessTokens.issue(12, "owner", List.of("user")).token()).json().get("id").asLong();
        List<Endpoint> writes = List.of(new Endpoint("POST", "/products", product("Forged", "1.00", 1)),
                new Endpoint("PUT", "/products/" + id, "{\"price\":0.01}"),
                new Endpoint("DELETE", "/products/" + id, null),
                Endpoint.get("/admin/products/" + id + "/events"));
        Map<String, String> tokens = new LinkedHashMap<>(BadTokens.forUser(13, "mallory", List.of("user")));
        tokens.put("of a deactivated user", "Bearer " + accessTokens.deactivatedUser(service, 14, deactivatedUsers::deactivated));

        return BadTokens.refusedOnEveryEndpoint(api, tokens, writes, () -> BadRequests.fingerprint(jdbc, "products"));
    }

    @Test
    void everyKindOfAnswerCarriesTheSecurityHeaders() {
        ApiClient api = new ApiClient(port);
        String token = accessTokens.issue(15, "viewer", List.of("user")).token();
        long id = api.postJson("/products", product("Seen", "10.00", 5), token).json().get("id").asLong();

        BadRequests.assertSecurityHeaders("200", api.get("/products/" + id, null));
        BadRequests.assertSecurityHeaders("201", api.postJson("/products", product("New", "1.00", 1), token));
        BadRequests.assertSecurityHeaders("404", api.get("/products/999999", null));
        BadRequests.assertSecurityHeaders("401", api.postJson("/products", product("No", "1.00", 1), null));
        BadRequests.assertSecurityHeaders("422", api.postJson("/products", "{}", token));
        BadRequests.assertSecurityHeaders("health", api.get("/health", null));
    }

}
