package dev.eventcommerce.ordering.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventcommerce.ordering.web.OrderingServiceTest;
import dev.eventcommerce.platform.operations.ProcessorOperations;
import dev.eventcommerce.platform.operations.ProcessorOperations.ReplayRefusedException;
import dev.eventcommerce.platform.testing.Replays;
import dev.eventcommerce.ordering.api.ChangeOrderStatus;
import dev.eventcommerce.ordering.api.ConfirmOrder;
import dev.eventcommerce.ordering.api.RejectOrder;
import dev.eventcommerce.ordering.api.DeleteOrder;
import dev.eventcommerce.ordering.api.OrderStatus;
import dev.eventcommerce.ordering.api.OrderView;
import dev.eventcommerce.ordering.api.PlaceOrder;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A replay rebuilds the orders table exactly, from hundreds of orders through every event type, and
 * commands sent while it runs are neither lost nor applied twice; a second replay while one runs is refused.
 */
@OrderingServiceTest
class OrderReplayIT {

    /** Closed by a test to hold order-view's handlers, so that a replay is certainly still running. */
    static volatile CountDownLatch orderViewGate = new CountDownLatch(0);

    @TestConfiguration
    static class HeldOrderView {

        @Bean
        ConfigurerModule orderViewGate() {
            return configurer -> configurer.eventProcessing().registerHandlerInterceptor(OrderView.PROJECTION,
                    configuration -> (unitOfWork, chain) -> {
                        if (!orderViewGate.await(30, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("order-view was held for 30 s");
                        }
                        return chain.proceed();
                    });
        }
    }

    @Autowired
    CommandGateway commands;
    @Autowired
    ProcessorOperations operations;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aReplayRebuildsTheOrdersTableExactlyWhileCommandsKeepComing() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ids.add(commands.sendAndWait(new PlaceOrder(100 + i % 7, 1 + i % 5, "Product " + i % 5, 1 + i % 3,
                    new BigDecimal("19.99"))));
        }
        for (int i = 0; i < ids.size(); i++) {
            long id = ids.get(i);
            boolean rejected = i % 2 == 1 && (i % 7 == 1 || i % 7 == 3);
            if (i % 2 == 0) {
                commands.sendAndWait(new ConfirmOrder(id));
            } else if (i % 7 == 1) {
                commands.sendAndWait(new RejectOrder(id, "insufficient stock", false));
            } else if (i % 7 == 3) {
                commands.sendAndWait(new RejectOrder(id, "catalog did not answer within 30s", true));
            }
            if (i % 4 == 0) {
                change(id, OrderStatus.SHIPPED);
            }
            if (i % 8 == 0) {
                change(id, OrderStatus.DELIVERED);
            }
            if (!rejected && (i % 2 == 1 && i % 5 == 1 || i % 4 == 2 && i % 3 == 0)) {
                change(id, OrderStatus.CANCELLED); // from pending (odd i, unless rejected) or from confirmed
            }
            if (i % 10 == 3) {
                commands.sendAndWait(new DeleteOrder(id, 0, true, null));
            }
        }
        awaitCaughtUp();
        String before = Replays.checksum(jdbc, "orders", "id");
        long events = jdbc.sql("SELECT count(*) FROM domainevententry").query(Long.class).single();
        assertThat(events).isGreaterThan(600);
        jdbc.sql("UPDATE orders SET status = 'corrupted', total_price = 0").update();
        assertThat(Replays.checksum(jdbc, "orders", "id")).isNotEqualTo(before);

        operations.replayAndAwait(OrderView.PROJECTION, Duration.ofSeconds(60));

        assertThat(Replays.checksum(jdbc, "orders", "id")).as("rebuilt exactly").isEqualTo(before);
        assertThat(jdbc.sql("SELECT count(DISTINCT status_reason) FROM orders WHERE status = 'rejected'")
                .query(Long.class).single()).as("both rejection reasons are in the rebuilt rows").isEqualTo(2);

        CompletableFuture<Void> live = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 50; i++) {
                commands.sendAndWait(new PlaceOrder(999, 1, "Live", 1, new BigDecimal("1.00")));
            }
        });
        operations.replayAndAwait(OrderView.PROJECTION, Duration.ofSeconds(60));
        live.get();
        awaitCaughtUp();
        assertThat(jdbc.sql("SELECT count(*) FROM orders WHERE user_id = 999").query(Long.class).single())
                .as("every order placed during the replay, once").isEqualTo(50);
        String withLive = Replays.checksum(jdbc, "orders", "id");
        operations.replayAndAwait(OrderView.PROJECTION, Duration.ofSeconds(60));
        assertThat(Replays.checksum(jdbc, "orders", "id")).isEqualTo(withLive);
    }

    @Test
    void aSecondReplayWhileOneRunsIsRefusedAndTheFirstStillRebuildsTheTable() throws Exception {
        for (int i = 0; i < 20; i++) {
            commands.sendAndWait(new PlaceOrder(500 + i, 1, "Held", 1, new BigDecimal("2.50")));
        }
        awaitCaughtUp();
        String before = Replays.checksum(jdbc, "orders", "id");

        orderViewGate = new CountDownLatch(1);
        try {
            operations.replay(OrderView.PROJECTION);
            assertThat(operations.status(OrderView.PROJECTION).replaying()).isTrue();

            assertThatThrownBy(() -> operations.replay(OrderView.PROJECTION))
                    .isInstanceOf(ReplayRefusedException.class)
                    .hasMessage("order-view is already replaying");
        } finally {
            orderViewGate.countDown();
        }
        awaitCaughtUp();
        assertThat(Replays.checksum(jdbc, "orders", "id")).as("rebuilt exactly").isEqualTo(before);
    }

    private void change(long id, OrderStatus status) {
        commands.sendAndWait(new ChangeOrderStatus(id, status, 0, true, null));
    }

    private void awaitCaughtUp() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            var status = operations.status(OrderView.PROJECTION);
            if (status.lag() != null && status.lag() == 0 && !status.replaying()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("order-view did not catch up");
    }
}
