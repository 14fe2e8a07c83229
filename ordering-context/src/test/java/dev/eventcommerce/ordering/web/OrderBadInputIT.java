package dev.eventcommerce.ordering.web;

import static dev.eventcommerce.platform.testing.BadRequests.Field.required;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.eventcommerce.platform.testing.TestTokens;
import dev.eventcommerce.platform.auth.TokenRevocations;
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
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every order, admin and operations endpoint against the table of bad requests, another customer's requests
 * and the table of bad tokens: each a 4xx problem, none changing an event, a row or a message.
 */
@OrderingServiceTest
class OrderBadInputIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    final TestTokens accessTokens = TestTokens.shared();

    @TestFactory
    Stream<DynamicTest> everyBadRequestIsAProblemAndChangesNothing() {
        ApiClient api = new ApiClient(port);
        String aliceToken = accessTokens.issue(201, "alice", List.of("user")).token();
        String bobToken = accessTokens.issue(202, "bob", List.of("user")).token();
        String adminToken = accessTokens.issue(1, "admin", List.of("admin", "user")).token();
        Supplier<String> alice = () -> aliceToken;
        Supplier<String> bob = () -> bobToken;
        Supplier<String> admin = () -> adminToken;
        long id = api.postJson("/orders", "{\"product_id\":1,\"quantity\":1}", aliceToken).json().get("id").asLong();
        String order = "/orders/" + id;

        List<BadRequest> table = new ArrayList<>();
        table.addAll(BadRequests.jsonBody("POST", "/orders", alice, List.of(
                required("product_id", Kind.POSITIVE_INTEGER, 1),
                required("quantity", Kind.POSITIVE_INTEGER, 1))));
        table.addAll(BadRequests.jsonBody("PUT", order, admin, List.of(required("status", Kind.WORD, "shipped"))));
        for (String method : List.of("GET", "DELETE")) {
            table.addAll(BadRequests.pathIds(method, "/orders/{id}", alice, null, 400));
        }
        table.addAll(BadRequests.pathIds("PUT", "/orders/{id}", alice, "{\"status\":\"cancelled\"}", 400));
        table.addAll(BadRequests.pathIds("GET", "/orders/{id}/history", alice, null, 400));
        table.addAll(BadRequests.paging("/orders", alice));
        table.addAll(BadRequests.paging("/admin/orders", admin));
        for (String query : List.of("status=bogus", "status=PENDING", "status=", "customer_id=0", "customer_id=-1")) {
            table.add(new BadRequest("query " + query, "GET", "/admin/orders?" + query, null, null, admin, Map.of(), 422));
        }
        for (String query : List.of("customer_id=abc", "customer_id=1.5", "customer_id=99999999999999999999")) {
            table.add(new BadRequest("query " + query, "GET", "/admin/orders?" + query, null, null, admin, Map.of(), 400));
        }
        table.add(new BadRequest("a customer listing every order", "GET", "/admin/orders", null, null, alice,
                Map.of(), 403));
        String cancel = "{\"status\":\"cancelled\"}";
        for (String ifMatch : List.of("abc", "\"abc\"", "W/\"x\"", "\"99999999999999999999\"", "\"1\", \"2\"")) {
            table.add(new BadRequest("If-Match " + ifMatch, "PUT", order, "application/json", cancel, alice,
                    Map.of("If-Match", ifMatch), 400));
            table.add(new BadRequest("If-Match " + ifMatch, "DELETE", order, null, null, alice,
                    Map.of("If-Match", ifMatch), 400));
        }
        for (String stale : List.of("\"5\"", "W/\"7\"", "\"-1\"")) {
            table.add(new BadRequest("stale If-Match " + stale, "PUT", order, "application/json", cancel, alice,
                    Map.of("If-Match", stale), 412));
            table.add(new BadRequest("stale If-Match " + stale, "DELETE", order, null, null, alice,
                    Map.of("If-Match", stale), 412));
        }
        // another customer never reads or changes alice's order: as if it did not exist
        table.add(new BadRequest("another customer's order", "GET", order, null, null, bob, Map.of(), 404));
        table.add(new BadRequest("another customer's history", "GET", order + "/history", null, null, bob, Map.of(), 404));
        table.add(new BadRequest("cancelling another customer's order", "PUT", order, "application/json", cancel, bob,
                Map.of(), 404));
        table.add(new BadRequest("deleting another customer's order", "DELETE", order, null, null, bob, Map.of(), 404));
        table.add(new BadRequest("a customer shipping its own order", "PUT", order, "application/json",
                "{\"status\":\"shipped\"}", alice, Map.of(), 403));
        table.add(new BadRequest("an illegal transition", "PUT", order, "application/json",
                "{\"status\":\"pending\"}", admin, Map.of(), 409));
        table.add(new BadRequest("unknown product", "POST", "/orders", "application/json",
                "{\"product_id\":404,\"quantity\":1}", alice, Map.of(), 422));
        // confirmed and rejected come only from the stock reservation, for the shop too
        table.add(new BadRequest("the shop confirming an order", "PUT", order, "application/json",
                "{\"status\":\"confirmed\"}", admin, Map.of(), 409));
        table.add(new BadRequest("a customer rejecting its order", "PUT", order, "application/json",
                "{\"status\":\"rejected\"}", alice, Map.of(), 409));
        // operations: admin only, unknown names, and the bridge is never replayed
        table.add(new BadRequest("a customer listing processors", "GET", "/admin/processors", null, null, alice,
                Map.of(), 403));
        table.add(new BadRequest("a customer replaying", "POST", "/admin/processors/order-view/replay", null, null,
                alice, Map.of(), 403));
        table.add(new BadRequest("unknown processor", "GET", "/admin/processors/no-such", null, null, admin,
                Map.of(), 404));
        table.add(new BadRequest("replay of an unknown processor", "POST", "/admin/processors/no-such/replay", null,
                null, admin, Map.of(), 404));
        table.add(new BadRequest("replay of the RabbitMQ bridge", "POST",
                "/admin/processors/order-created-bridge/replay", null, null, admin, Map.of(), 409));
        table.add(new BadRequest("replay of the subscribing order-decisions processor", "POST",
                "/admin/processors/order-decisions/replay", null, null, admin, Map.of(), 404));

        return table.stream().map(row -> dynamicTest(row.toString(), () -> {
            String before = BadRequests.fingerprint(jdbc, "orders");

            BadRequests.assertRefused(row, row.send(api));

            assertThat(BadRequests.fingerprint(jdbc, "orders")).as("state after " + row).isEqualTo(before);
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointRefusesEveryBadToken(ApplicationContext service,
            @Autowired TokenRevocations deactivatedUsers) {
        ApiClient api = new ApiClient(port);
        long id = api.postJson("/orders", "{\"product_id\":1,\"quantity\":1}",
                accessTokens.issue(203, "carol", List.of("user")).token()).json().get("id").asLong();
        List<Endpoint> endpoints = List.of(new Endpoint("POST", "/orders", "{\"product_id\":1,\"quantity\":1}"),
                Endpoint.get("/orders"),
                Endpoint.get("/orders/" + id),
                new Endpoint("PUT", "/orders/" + id, "{\"status\":\"cancelled\"}"),
                new Endpoint("DELETE", "/orders/" + id, null),
                Endpoint.get("/orders/" + id + "/history"),
                Endpoint.get("/admin/processors"),
                Endpoint.get("/admin/orders"),
                new Endpoint("POST", "/admin/processors/order-view/replay", null));
        // carol herself, with every way her token can be wrong; and after she is deactivated
        Map<String, String> tokens = new LinkedHashMap<>(BadTokens.forUser(203, "carol", List.of("user")));
        tokens.put("of a deactivated user", "Bearer " + accessTokens.deactivatedUser(service, 204, deactivatedUsers::deactivated));

        return BadTokens.refusedOnEveryEndpoint(api, tokens, endpoints, () -> BadRequests.fingerprint(jdbc, "orders"));
    }

    @Test
    void everyKindOfAnswerCarriesTheSecurityHeaders() {
        ApiClient api = new ApiClient(port);
        String token = accessTokens.issue(205, "dave", List.of("user")).token();
        ApiClient.Response placed = api.postJson("/orders", "{\"product_id\":1,\"quantity\":1}", token);

        BadRequests.assertSecurityHeaders("201", placed);
        BadRequests.assertSecurityHeaders("200", api.get("/orders/" + placed.json().get("id").asLong(), token));
        BadRequests.assertSecurityHeaders("404", api.get("/orders/999999", token));
        BadRequests.assertSecurityHeaders("401", api.get("/orders", null));
        BadRequests.assertSecurityHeaders("403", api.get("/admin/processors", token));
        BadRequests.assertSecurityHeaders("health", api.get("/health", null));
    }

}
