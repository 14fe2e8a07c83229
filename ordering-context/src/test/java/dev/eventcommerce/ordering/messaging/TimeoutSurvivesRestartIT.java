package dev.eventcommerce.ordering.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.platform.testing.TestTokens;
import dev.eventcommerce.platform.testing.TestDatabases;
import dev.eventcommerce.platform.testing.TestMessaging;
import dev.eventcommerce.ordering.OrderingApplication;
import dev.eventcommerce.ordering.api.PlaceOrder;
import dev.eventcommerce.ordering.web.OrderingTestSetup;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The stock reservation's timeout needs nothing but the stored orders: an ordering service stopped while an
 * order waits for catalog, and started again, still rejects the order once its time is up.
 */
class TimeoutSurvivesRestartIT {

    static final TestMessaging MESSAGING = TestMessaging.create();

    @AfterAll
    static void deleteRabbitNames() {
        MESSAGING.delete();
    }

    @Test
    void anOrderPlacedBeforeARestartIsStillRejectedWhenItsTimeIsUpAfterIt() {
        String database = TestDatabases.create("ordering_timeout");
        Map<String, String> properties = Map.ofEntries(
                Map.entry("spring.datasource.url", database),
                Map.entry("server.port", "0"),
                Map.entry("eventcommerce.auth.jwks-file", TestTokens.jwksFile()),
                Map.entry("eventcommerce.ordering.catalog-url", "http://127.0.0.1:9"),
                Map.entry("eventcommerce.ordering.reservation-timeout", "5s"),
                Map.entry("eventcommerce.messaging.exchange", MESSAGING.orderExchange()),
                Map.entry("eventcommerce.messaging.catalog-exchange", MESSAGING.catalogExchange()),
                Map.entry("eventcommerce.messaging.ordering-reply-queue", MESSAGING.orderingReplyQueue()),
                Map.entry("eventcommerce.messaging.ordering-reply-dead-letter-queue", MESSAGING.orderingReplyQueue() + ".dlq"),
                Map.entry("eventcommerce.messaging.dead-letter-exchange", MESSAGING.deadLetterExchange()));
        long id;
        JdbcClient jdbc;
        try (ConfigurableApplicationContext first = start(properties)) {
            jdbc = first.getBean(JdbcClient.class);
            id = first.getBean(CommandGateway.class).sendAndWait(
                    new PlaceOrder(101, 1, "Lamp", 1, new BigDecimal("9.99")));
            awaitCount(jdbc, "SELECT count(*) FROM orders WHERE status = 'pending' AND id = " + id, 1);
        }
        assertThat(status(database, id)).as("stopped before its time was up").isEqualTo("pending");

        try (ConfigurableApplicationContext second = start(properties)) {
            JdbcClient again = second.getBean(JdbcClient.class);
            awaitCount(again, "SELECT count(*) FROM orders WHERE status = 'rejected' AND id = " + id, 1);
            assertThat(again.sql("SELECT status_reason FROM orders WHERE id = ?").param(id).query(String.class)
                    .single()).isEqualTo("catalog did not answer within 5s");
        }
    }

    private static ConfigurableApplicationContext start(Map<String, String> properties) {
        // as arguments: above the platform defaults, as the environment would be
        return new SpringApplicationBuilder(OrderingApplication.class).run(properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue()).toArray(String[]::new));
    }

    private static String status(String database, long id) {
        return JdbcClient.create(new org.springframework.jdbc.datasource.DriverManagerDataSource(database,
                        TestDatabases.USER, "")).sql("SELECT status FROM orders WHERE id = ?").param(id)
                .query(String.class).single();
    }

    private static void awaitCount(JdbcClient jdbc, String sql, long expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long count = -1;
        while (System.nanoTime() < deadline) {
            count = jdbc.sql(sql).query(Long.class).single();
            if (count == expected) {
                return;
            }
            OrderingTestSetup.sleep(50);
        }
        assertThat(count).as(sql).isEqualTo(expected);
    }
}
