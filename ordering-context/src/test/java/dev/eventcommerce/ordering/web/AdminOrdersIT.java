package dev.eventcommerce.ordering.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.ordering.api.OrderStatus;
import dev.eventcommerce.platform.testing.ApiClient;
import dev.eventcommerce.platform.testing.TestMessaging;
import dev.eventcommerce.platform.testing.TestTokens;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The shop's list of every customer's orders, and an admin reading any order and its history. */
@OrderingServiceTest
class AdminOrdersIT {

    @Autowired
    TestMessaging messaging;
    @Autowired
    RabbitAdmin rabbitAdmin;
    @LocalServerPort
    int port;
    final TestTokens accessTokens = TestTokens.shared();

    ApiClient api;
    String alice;
    String bob;
    String admin;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        alice = accessTokens.issue(301, "alice", List.of("user")).token();
        bob = accessTokens.issue(302, "bob", List.of("user")).token();
        admin = accessTokens.issue(1, "admin", List.of("admin", "user")).token();
        // the bridge publishes mandatory: queues bound for what it sends keep it moving
        OrderingTestSetup.bindTestQueue(rabbitAdmin, messaging.orderExchange());
        OrderingTestSetup.bindTestQueue(rabbitAdmin, messaging.orderExchange(), "order.cancelled");
    }

    @Test
    void anAdminListsEveryCustomersOrdersNewestFirstFilteredAndPagedAsTheCustomerSeesThem() {
        long alicesFirst = place(alice);
        long bobs = place(bob);
        long alicesSecond = place(alice);
        assertThat(api.putJson("/orders/" + alicesSecond, "{\"status\":\"cancelled\"}", alice).status()).isEqualTo(200);

        List<Long> all = ids("");
        assertThat(all).as("the other test's orders are there too").containsSubsequence(alicesSecond, bobs, alicesFirst);
        assertThat(ids("?customer_id=301")).containsExactly(alicesSecond, alicesFirst);
        assertThat(ids("?status=cancelled")).containsExactly(alicesSecond);
        assertThat(ids("?customer_id=302&status=pending")).containsExactly(bobs);
        assertThat(ids("?customer_id=302&status=cancelled")).isEmpty();
        assertThat(ids("?customer_id=999")).isEmpty();
        assertThat(ids("?skip=1&limit=1")).containsExactly(all.get(1));
        assertThat(ids("?limit=2")).containsExactlyElementsOf(all.subList(0, 2));
        assertThat(ids("?skip=" + all.size())).isEmpty();
        assertThat(ids("?customer_id=301&skip=1")).containsExactly(alicesFirst);
        for (OrderStatus status : OrderStatus.values()) {
            assertThat(api.get("/admin/orders?status=" + status.value(), admin).status()).as(status.value()).isEqualTo(200);
        }

        JsonNode listed = api.get("/admin/orders?customer_id=301", admin).json().get(0);
        JsonNode asTheCustomerSeesIt = api.get("/orders", alice).json().get(0);
        assertThat(listed).isEqualTo(asTheCustomerSeesIt);
    }

    @Test
    void onlyAnAdminListsEveryOrderAndAnAdminReadsAnyOrderAndItsHistory() {
        String carol = accessTokens.issue(303, "carol", List.of("user")).token();
        long carols = place(carol);

        ApiClient.Response anonymous = api.get("/admin/orders", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        ApiClient.Response customer = api.get("/admin/orders", alice);
        assertThat(customer.status()).isEqualTo(403);
        assertThat(customer.contentType()).startsWith("application/problem+json");

        assertThat(api.get("/orders/" + carols, admin).json().get("user_id").asLong()).isEqualTo(303);
        ApiClient.Response history = api.get("/orders/" + carols + "/history", admin);
        assertThat(history.status()).isEqualTo(200);
        JsonNode placed = history.json().get(0);
        assertThat(placed.get("actor").get("user_id").asLong()).isEqualTo(303);
        assertThat(placed.get("actor").get("username").asString()).isEqualTo("carol");
        assertThat(placed.has("trace_id")).isTrue();
    }

    private long place(String token) {
        ApiClient.Response placed = api.postJson("/orders", "{\"product_id\":1,\"quantity\":1}", token);
        assertThat(placed.status()).isEqualTo(201);
        return placed.json().get("id").asLong();
    }

    private List<Long> ids(String query) {
        ApiClient.Response response = api.get("/admin/orders" + query, admin);
        assertThat(response.status()).as(query).isEqualTo(200);
        return StreamSupport.stream(response.json().spliterator(), false).map(order -> order.get("id").asLong()).toList();
    }
}
