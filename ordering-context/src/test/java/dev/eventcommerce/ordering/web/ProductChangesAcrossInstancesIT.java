package dev.eventcommerce.ordering.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.eventcommerce.kernel.contract.ProductMessage;
import dev.eventcommerce.platform.testing.ApiClient;
import dev.eventcommerce.platform.testing.ServiceInstances;
import dev.eventcommerce.platform.testing.TestMessaging;
import dev.eventcommerce.platform.testing.TestTokens;
import dev.eventcommerce.ordering.OrderingApplication;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two instances of the ordering service behind one imaginary load balancer: one database, one set of
 * RabbitMQ names. Both have priced orders of a product from their memory; catalog changes its price; the
 * next orders on both are priced at the new price within a few seconds, though only one of them consumed the
 * change from the shared queue (memories are kept far longer than the wait here).
 */
class ProductChangesAcrossInstancesIT {

    static final WireMockServer CATALOG = OrderingTestSetup.start();
    static final TestMessaging MESSAGING = TestMessaging.create();

    static final ServiceInstances INSTANCES = new ServiceInstances(OrderingApplication.class);

    private static ConfigurableApplicationContext first;
    private static ApiClient a;
    private static ApiClient b;
    private static Queue published;

    @BeforeAll
    static void startTwoInstances() {
        OrderingTestSetup.properties(INSTANCES.properties(), CATALOG.baseUrl(), MESSAGING);
        INSTANCES.with("eventcommerce.ordering.product-memory.time-to-remember", "10m");
        first = INSTANCES.start();
        a = ServiceInstances.api(first);
        b = ServiceInstances.api(INSTANCES.start());
        // the order-created bridge publishes mandatory: a queue bound for it keeps it moving
        published = OrderingTestSetup.bindTestQueue(first.getBean(RabbitAdmin.class), MESSAGING.orderExchange());
    }

    @AfterAll
    static void stop() {
        if (first != null) {
            first.getBean(RabbitAdmin.class).deleteQueue(published.getName());
        }
        INSTANCES.close();
        CATALOG.stop();
        MESSAGING.delete();
    }

    @Test
    void aPriceChangedInCatalogReachesTheMemoryOfEveryInstance() {
        String token = TestTokens.shared().issue(101, "alice", List.of("user")).token();
        OrderingTestSetup.productChange(MESSAGING, "product.created",
                new ProductMessage.Data(88, "Shared Teapot", new BigDecimal("10.00"), false, 0), UUID.randomUUID().toString());
        OrderingTestSetup.awaitReplica(first.getBean(JdbcClient.class), 88, 0);
        OrderingTestSetup.sleep(200); // both instances' memories follow within their own deliveries
        for (ApiClient instance : List.of(a, b, a, b)) {
            assertThat(unitPrice(instance, token)).isEqualByComparingTo("10.00");
        }

        OrderingTestSetup.productChange(MESSAGING, "product.updated",
                new ProductMessage.Data(88, "Shared Teapot", new BigDecimal("11.50"), false, 3), UUID.randomUUID().toString());

        awaitPrice(a, token, "11.50");
        awaitPrice(b, token, "11.50");
        assertThat(unitPrice(a, token)).isEqualByComparingTo("11.50");
        assertThat(unitPrice(b, token)).isEqualByComparingTo("11.50");
    }

    private static void awaitPrice(ApiClient instance, String token, String price) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        BigDecimal seen = null;
        while (System.nanoTime() < deadline) {
            seen = unitPrice(instance, token);
            if (seen.compareTo(new BigDecimal(price)) == 0) {
                return;
            }
            OrderingTestSetup.sleep(100);
        }
        throw new AssertionError("orders on port " + instance + " still priced at " + seen);
    }

    private static BigDecimal unitPrice(ApiClient instance, String token) {
        ApiClient.Response placed = instance.postJson("/orders", "{\"product_id\":88,\"quantity\":1}", token);
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        return placed.json().get("unit_price").decimalValue();
    }
}
