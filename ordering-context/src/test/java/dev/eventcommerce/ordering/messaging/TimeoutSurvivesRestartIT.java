package dev.eventcommerce.ordering.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.platform.testing.ServiceInstances;
import dev.eventcommerce.platform.testing.TestDatabases;
import dev.eventcommerce.platform.testing.TestMessaging;
import dev.eventcommerce.ordering.OrderingApplication;
import dev.eventcommerce.ordering.api.PlaceOrder;
import dev.eventcommerce.ordering.web.OrderingTestSetup;
import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The stock reservation's timeout needs nothing but the stored orders: an ordering service stopped while an
 * order waits for catalog, and started again, still rejects the order once its time is up.
 */
class TimeoutSurvivesRestartIT {

    static final TestMessaging MESSAGING = TestMessaging.create();
    static final ServiceInstances INSTANCES = new ServiceInstances(OrderingApplication.class);

    @AfterAll
    static void stop() {
        INSTANCES.close();
        MESSAGING.delete();
    }

    @Test
    void anOrderPlacedBeforeARestartIsStillRejectedWhenItsTimeIsUpAfterIt() {
        // no catalog: nothing answers the reservation, so only its timeout decides
        OrderingTestSetup.properties(INSTANCES.properties(), "http://127.0.0.1:9", MESSAGING);
        INSTANCES.with("eventcommerce.ordering.reservation-timeout", "5s");
        String database = INSTANCES.property("spring.datasource.url");
        long id;
        JdbcClient jdbc;
        try (ConfigurableApplicationContext first = INSTANCES.start()) {
            jdbc = first.getBean(JdbcClient.class);
            id = first.getBean(CommandGateway.class).sendAndWait(
                    new PlaceOrder(101, 1, "Lamp", 1, new BigDecimal("9.99")));
            awaitCount(jdbc, "SELECT count(*) FROM orders WHERE status = 'pending' AND id = " + id, 1);
        }
        assertThat(status(database, id)).as("stopped before its time was up").isEqualTo("pending");

        try (ConfigurableApplicationContext second = INSTANCES.start()) {
            JdbcClient again = second.getBean(JdbcClient.class);
            awaitCount(again, "SELECT count(*) FROM orders WHERE status = 'rejected' AND id = " + id, 1);
            assertThat(again.sql("SELECT status_reason FROM orders WHERE id = ?").param(id).query(String.class)
                    .single()).isEqualTo("catalog did not answer within 5s");
        }
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
