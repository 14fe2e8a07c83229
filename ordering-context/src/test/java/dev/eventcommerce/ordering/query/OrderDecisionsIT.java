package dev.eventcommerce.ordering.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.ordering.web.OrderingServiceTest;
import dev.eventcommerce.platform.testing.TestDatabases;
import dev.eventcommerce.ordering.api.ConfirmOrder;
import dev.eventcommerce.ordering.api.PlaceOrder;
import dev.eventcommerce.ordering.web.OrderingTestSetup;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * A pending order's decision is told on PostgreSQL's {@code order_decided} channel at its commit, so a waiter
 * (here or on any other instance) wakes at once rather than at its next look at the store.
 */
@OrderingServiceTest
class OrderDecisionsIT {

    @Autowired
    CommandGateway commands;
    @Autowired
    OrderDecisions decisions;
    @Value("${spring.datasource.url}")
    String database;

    @Test
    void theDecisionOfAPendingOrderIsToldOnTheChannelAtItsCommit() throws Exception {
        long id = commands.sendAndWait(new PlaceOrder(101, 1, "Lamp", 1, new BigDecimal("9.99")));
        try (Connection listener = DriverManager.getConnection(database, TestDatabases.USER, "")) {
            try (Statement statement = listener.createStatement()) {
                statement.execute("LISTEN " + OrderDecisions.CHANNEL);
            }

            commands.sendAndWait(new ConfirmOrder(id));

            PGNotification[] received = listener.unwrap(PGConnection.class).getNotifications(5000);
            assertThat(received).isNotNull().extracting(PGNotification::getParameter).containsExactly(String.valueOf(id));
        }
    }

    @Test
    void aWaiterWakesAtTheDecisionNotAtItsNextLookAtTheStore() throws Exception {
        long id = commands.sendAndWait(new PlaceOrder(102, 1, "Lamp", 1, new BigDecimal("9.99")));
        CompletableFuture<Long> woken = CompletableFuture.supplyAsync(() -> {
            decisions.await(id, Duration.ofSeconds(10));
            return System.nanoTime();
        });
        OrderingTestSetup.sleep(OrderDecisions.RECHECK.toMillis() + 50);

        long decided = System.nanoTime();
        commands.sendAndWait(new ConfirmOrder(id));

        long tookMillis = TimeUnit.NANOSECONDS.toMillis(woken.get(10, TimeUnit.SECONDS) - decided);
        assertThat(tookMillis).as("woken by the notification, well before the next look").isLessThan(OrderDecisions.RECHECK.toMillis() / 2);
    }
}
