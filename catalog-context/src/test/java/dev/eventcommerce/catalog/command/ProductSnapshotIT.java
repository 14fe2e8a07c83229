package dev.eventcommerce.catalog.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventcommerce.catalog.web.CatalogServiceTest;
import dev.eventcommerce.catalog.api.CreateProduct;
import dev.eventcommerce.catalog.api.DeleteProduct;
import dev.eventcommerce.catalog.api.InvalidProductException;
import dev.eventcommerce.catalog.api.ProductChangeNotAllowedException;
import dev.eventcommerce.catalog.api.ReleaseStock;
import dev.eventcommerce.catalog.api.ReserveStock;
import dev.eventcommerce.catalog.api.UpdateProduct;
import java.math.BigDecimal;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With a snapshot after every event, a product loaded from its snapshot behaves as one loaded from its
 * events: same state for the rules, and a deleted product stays deleted.
 */
@CatalogServiceTest
class ProductSnapshotIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("eventcommerce.snapshots.threshold", () -> "1");
        // every command loads the aggregate from the store (its snapshot), not from the aggregate cache
        registry.add("eventcommerce.aggregates.cache-size", () -> "0");
    }

    private static final long OWNER = 11;

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aProductLoadedFromItsSnapshotBehavesAsOneLoadedFromItsEvents() {
        long id = commands.sendAndWait(new CreateProduct("Lamp", "A desk lamp", new BigDecimal("19.99"), 5, OWNER));
        commands.sendAndWait(new UpdateProduct(id, null, null, new BigDecimal("17.50"), null, OWNER, false));

        String snapshot = jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM snapshotevententry "
                + "WHERE aggregateidentifier = ? ORDER BY sequencenumber DESC LIMIT 1")
                .param(String.valueOf(id)).query(String.class).single();
        assertThat(snapshot).contains("\"name\":\"Lamp\"").contains("17.50").contains("\"quantity\":5")
                .contains("\"ownerId\":" + OWNER);
        assertThatThrownBy(() -> commands.sendAndWait(new UpdateProduct(id, "Taken", null, null, null, OWNER + 1, false)))
                .as("the owner comes back from the snapshot").isInstanceOf(ProductChangeNotAllowedException.class);

        long events = eventCount(id);
        commands.sendAndWait(new UpdateProduct(id, "Lamp", "A desk lamp", new BigDecimal("17.5"), 5, OWNER, false));
        assertThat(eventCount(id)).as("an update to the same state records nothing").isEqualTo(events);
        assertThatThrownBy(() -> commands.sendAndWait(new UpdateProduct(id, null, null, BigDecimal.ZERO, null, OWNER, false)))
                .isInstanceOf(InvalidProductException.class);
        commands.sendAndWait(new UpdateProduct(id, null, null, null, 7, OWNER, false));
        assertThat(eventCount(id)).isEqualTo(events + 1);

        commands.sendAndWait(new DeleteProduct(id, OWNER, false));
        assertThatThrownBy(() -> commands.sendAndWait(new UpdateProduct(id, "Back", null, null, null, OWNER, false)))
                .as("deleted, also when loaded from a snapshot").isInstanceOf(AggregateNotFoundException.class);
    }

    @Test
    void reservationsAndSettledOrdersComeBackFromTheSnapshot() {
        long id = commands.sendAndWait(new CreateProduct("Mug", null, new BigDecimal("4.00"), 5, OWNER));
        commands.sendAndWait(new ReserveStock(id, 1001, 2));
        commands.sendAndWait(new ReserveStock(id, 1002, 9));
        commands.sendAndWait(new ReleaseStock(id, 1003, "cancelled"));

        String snapshot = jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM snapshotevententry "
                + "WHERE aggregateidentifier = ? ORDER BY sequencenumber DESC LIMIT 1")
                .param(String.valueOf(id)).query(String.class).single();
        assertThat(snapshot).contains("\"reservations\":{\"1001\":2}").contains("1002").contains("1003")
                .contains("\"quantity\":3");

        long events = eventCount(id);
        commands.sendAndWait(new ReserveStock(id, 1001, 2));
        commands.sendAndWait(new ReserveStock(id, 1002, 1));
        commands.sendAndWait(new ReserveStock(id, 1003, 1));
        assertThat(eventCount(id)).as("held, refused and voided orders are remembered").isEqualTo(events);
        commands.sendAndWait(new ReleaseStock(id, 1001, "cancelled"));
        commands.sendAndWait(new ReleaseStock(id, 1001, "cancelled"));
        assertThat(eventCount(id)).as("released once").isEqualTo(events + 1);
        commands.sendAndWait(new ReserveStock(id, 1004, 5));
        commands.sendAndWait(new ReserveStock(id, 1005, 1));
        assertThat(jdbc.sql("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? "
                + "ORDER BY sequencenumber DESC LIMIT 2").param(String.valueOf(id)).query(String.class).list())
                .as("the released units were available again, and then no more")
                .containsExactly("dev.eventcommerce.catalog.api.StockReservationRejected",
                        "dev.eventcommerce.catalog.api.StockReserved");
    }

    private long eventCount(long id) {
        return jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?")
                .param(String.valueOf(id)).query(Long.class).single();
    }
}
