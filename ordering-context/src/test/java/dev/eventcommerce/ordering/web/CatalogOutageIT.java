package dev.eventcommerce.ordering.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.eventcommerce.kernel.contract.ProductMessage;
import dev.eventcommerce.platform.testing.TestTokens;
import dev.eventcommerce.platform.testing.ApiClient;
import dev.eventcommerce.platform.testing.TestMessaging;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A failing, unreachable or stopped catalog: a product ordering's replica knows is still ordered (201,
 * priced from the replica); one it does not know answers 503 problem+json, quickly, and stores no event.
 * The stopped catalog comes first: the failing one opens the circuit breaker, and the first test still
 * needs catalog once. The failing one answers 503 whether the stand-in is stopped or not.
 */
@OrderingServiceTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogOutageIT {

    @Autowired
    WireMockServer catalog;
    @Autowired
    TestMessaging messaging;

    @LocalServerPort
    int port;
    final TestTokens accessTokens = TestTokens.shared();
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RabbitAdmin rabbitAdmin;

    @Test
    @Order(2)
    void aFailingOrUnreachableCatalogMeans503AndNoEventForAProductTheReplicaDoesNotKnow() {
        ApiClient api = new ApiClient(port);
        String token = accessTokens.issue(101, "alice", List.of("user")).token();
        long before = events();

        for (long product : List.of(500L, 503L, 500L, 503L, 500L, 503L, 500L)) {
            long start = System.nanoTime();
            ApiClient.Response response = api.postJson("/orders", "{\"product_id\":" + product + ",\"quantity\":1}", token);
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(response.status()).as("product " + product).isEqualTo(503);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(millis).as("answer time in ms").isLessThan(5000);
        }
        assertThat(events()).isEqualTo(before);
        assertThat(api.get("/health", null).status()).as("the service itself stays healthy").isEqualTo(200);
    }

    @Test
    @Order(1)
    void withCatalogStoppedAProductTheReplicaKnowsIsOrderedFromItAndAnUnknownOneIs503() {
        ApiClient api = new ApiClient(port);
        String token = accessTokens.issue(101, "alice", List.of("user")).token();
        Queue published = OrderingTestSetup.bindTestQueue(rabbitAdmin, messaging.orderExchange());
        // catalog's messages: product 77 is created, then its price changed (a stock change in between)
        OrderingTestSetup.productChange(messaging, "product.created",
                new ProductMessage.Data(77, "Replicated Lamp", new BigDecimal("10.00"), false, 0), UUID.randomUUID().toString());
        OrderingTestSetup.productChange(messaging, "product.updated",
                new ProductMessage.Data(77, "Replicated Lamp", new BigDecimal("12.34"), false, 2), UUID.randomUUID().toString());
        OrderingTestSetup.awaitReplica(jdbc, 77, 2);
        // product 1 only catalog knows: asked once over HTTP, then kept
        assertThat(place(api, token, 1).status()).isEqualTo(201);
        assertThat(place(api, token, 1).status()).isEqualTo(201);
        catalog.verify(1, WireMock.getRequestedFor(WireMock.urlEqualTo("/products/1")));

        catalog.stop();
        long before = events();

        ApiClient.Response known = place(api, token, 77);
        assertThat(known.status()).as(known.body()).isEqualTo(201);
        assertThat(known.json().get("product_name").asString()).isEqualTo("Replicated Lamp");
        assertThat(known.json().get("unit_price").decimalValue()).isEqualByComparingTo("12.34");
        assertThat(place(api, token, 1).status()).as("learned from catalog before it stopped").isEqualTo(201);
        assertThat(events()).as("two orders placed").isEqualTo(before + 2);

        ApiClient.Response unknown = place(api, token, 999_999);
        assertThat(unknown.status()).as("a product that never existed").isEqualTo(503);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(events()).as("no event for the refused order").isEqualTo(before + 2);

        OrderingTestSetup.productChange(messaging, "product.deleted",
                new ProductMessage.Data(77, null, null, true, 3), UUID.randomUUID().toString());
        OrderingTestSetup.awaitReplica(jdbc, 77, 3);
        OrderingTestSetup.sleep(200); // the memory follows the table within the same delivery

        ApiClient.Response deleted = place(api, token, 77);
        assertThat(deleted.status()).as("a product the replica knows as deleted").isEqualTo(422);
        assertThat(deleted.contentType()).startsWith("application/problem+json");
        assertThat(events()).as("no event for an order of a deleted product").isEqualTo(before + 2);
        rabbitAdmin.deleteQueue(published.getName());
    }

    private ApiClient.Response place(ApiClient api, String token, long product) {
        return api.postJson("/orders", "{\"product_id\":" + product + ",\"quantity\":1}", token);
    }

    private long events() {
        return jdbc.sql("SELECT count(*) FROM domainevententry").query(Long.class).single();
    }
}
