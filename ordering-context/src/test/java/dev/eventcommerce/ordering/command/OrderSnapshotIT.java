package dev.eventcommerce.ordering.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventcommerce.ordering.api.ChangeOrderStatus;
import dev.eventcommerce.ordering.api.ConfirmOrder;
import dev.eventcommerce.ordering.api.IllegalTransitionException;
import dev.eventcommerce.ordering.api.OrderNotFoundException;
import dev.eventcommerce.ordering.api.OrderStatus;
import dev.eventcommerce.ordering.api.PlaceOrder;
import dev.eventcommerce.ordering.web.OrderingServiceTest;
import java.math.BigDecimal;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With a snapshot after every event, an order loaded from its snapshot keeps its owner and its status. */
@OrderingServiceTest
class OrderSnapshotIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("eventcommerce.snapshots.threshold", () -> "1");
        // every command loads the aggregate from the store (its snapshot), not from the aggregate cache
        registry.add("eventcommerce.aggregates.cache-size", () -> "0");
    }

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anOrderLoadedFromItsSnapshotBehavesAsOneLoadedFromItsEvents() {
        long id = commands.sendAndWait(new PlaceOrder(101, 1, "Lamp", 2, new BigDecimal("199.99")));
        commands.sendAndWait(new ConfirmOrder(id));

        String snapshot = jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM snapshotevententry "
                + "WHERE aggregateidentifier = ? ORDER BY sequencenumber DESC LIMIT 1")
                .param(String.valueOf(id)).query(String.class).single();
        assertThat(snapshot).contains("\"userId\":101").contains("\"status\":\"confirmed\"");

        assertThatThrownBy(() -> commands.sendAndWait(new ChangeOrderStatus(id, OrderStatus.DELIVERED, 1, true, null)))
                .as("the status comes back from the snapshot").isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> commands.sendAndWait(new ChangeOrderStatus(id, OrderStatus.CANCELLED, 102, false, null)))
                .as("the owner comes back from the snapshot").isInstanceOf(OrderNotFoundException.class);
        commands.sendAndWait(new ChangeOrderStatus(id, OrderStatus.SHIPPED, 1, true, 1L));
        commands.sendAndWait(new ChangeOrderStatus(id, OrderStatus.DELIVERED, 1, true, null));
        assertThat(jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?")
                .param(String.valueOf(id)).query(Long.class).single()).isEqualTo(4);
    }
}
