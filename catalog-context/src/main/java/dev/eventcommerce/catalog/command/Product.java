package dev.eventcommerce.catalog.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.eventcommerce.catalog.api.CreateProduct;
import dev.eventcommerce.catalog.api.DeleteProduct;
import dev.eventcommerce.catalog.api.ProductChangeNotAllowedException;
import dev.eventcommerce.catalog.api.ProductCreated;
import dev.eventcommerce.catalog.api.ProductDeleted;
import dev.eventcommerce.catalog.api.ProductUpdated;
import dev.eventcommerce.catalog.api.ReleaseStock;
import dev.eventcommerce.catalog.api.ReserveStock;
import dev.eventcommerce.catalog.api.StockReleased;
import dev.eventcommerce.catalog.api.StockReservationRejected;
import dev.eventcommerce.catalog.api.StockReservationVoided;
import dev.eventcommerce.catalog.api.StockReserved;
import dev.eventcommerce.catalog.api.UpdateProduct;
import dev.eventcommerce.platform.axon.IdSequence;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A product in the catalogue, and the one place that decides its stock.
 *
 * <p>Lifecycle: created → updated any number of times → deleted. A deleted product refuses updates and
 * deletion as if it did not exist (the read side answers 404), but still answers stock requests: a
 * reservation is rejected ("product deleted"), a reservation it holds can be released.
 *
 * <p>Stock: {@code quantity} is the available stock. A reservation for an order takes its units if
 * there are enough ({@link StockReserved}), or is rejected with the stock unchanged
 * ({@link StockReservationRejected}); so the stock never goes below zero. Each order is decided once: a
 * repeated request for an order it holds or refused records nothing. Releasing an order's reservation
 * gives its units back once ({@link StockReleased}); a release for an order it never saw is remembered
 * ({@link StockReservationVoided}) so that a reservation request arriving after it is refused. A shop's
 * update of the quantity sets the available stock (a restock); reservations it holds are kept.
 *
 * <p>Ownership: the user who created a product owns it; only the owner or an admin may update or delete
 * it, anyone else is refused and nothing is recorded. A product created before owners were recorded is
 * owned by no one: only an admin may update or delete it. Stock requests come from orders, not from a
 * user, and are not subject to it.
 *
 * <p>Invariants: a name of 1–255 characters that is not blank, a description of at most 1000, a price
 * above 0 with at most two decimals, a quantity of 0 or more. An update that changes nothing records
 * nothing.
 *
 * <p>Snapshots store its fields as JSON, hence the field visibility for Jackson.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger", cache = "aggregateCache")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
class Product {

    @AggregateIdentifier
    private Long productId;
    private String name;
    private String description;
    private BigDecimal price;
    private int quantity;
    /** Who may change it besides an admin; {@code null} for products created before owners were recorded. */
    private Long ownerId;
    private boolean deleted;
    /** Order id → units held for it. */
    private Map<Long, Integer> reservations = new HashMap<>();
    /** Orders decided for good: released, refused, or voided before their reservation arrived. */
    private Set<Long> settledOrders = new HashSet<>();

    Product() {
        // for Axon: rebuilt from its events
    }

    @CommandHandler
    Product(CreateProduct command, IdSequence productIds) {
        String name = ProductRules.name(command.name());
        String description = ProductRules.description(command.description());
        BigDecimal price = ProductRules.price(command.price());
        int quantity = ProductRules.quantity(command.quantity());
        apply(new ProductCreated(productIds.next(), name, description, price, quantity, command.createdBy()));
    }

    @CommandHandler
    void handle(UpdateProduct command) {
        requireNotDeleted();
        requireOwnerOrAdmin(command.requestedBy(), command.requestedByAdmin());
        String newName = command.name() == null ? name : ProductRules.name(command.name());
        String newDescription = command.description() == null ? description
                : ProductRules.description(command.description());
        BigDecimal newPrice = command.price() == null ? price : ProductRules.price(command.price());
        int newQuantity = command.quantity() == null ? quantity : ProductRules.quantity(command.quantity());
        if (Objects.equals(newName, name) && Objects.equals(newDescription, description)
                && newPrice.compareTo(price) == 0 && newQuantity == quantity) {
            return;
        }
        apply(new ProductUpdated(productId, newName, newDescription, newPrice, newQuantity));
    }

    @CommandHandler
    void handle(DeleteProduct command) {
        requireNotDeleted();
        requireOwnerOrAdmin(command.requestedBy(), command.requestedByAdmin());
        apply(new ProductDeleted(productId));
    }

    @CommandHandler
    void handle(ReserveStock command) {
        long orderId = command.orderId();
        if (reservations.containsKey(orderId) || settledOrders.contains(orderId)) {
            return;
        }
        if (deleted) {
            apply(new StockReservationRejected(productId, orderId, command.quantity(),
                    StockReservationRejected.PRODUCT_DELETED));
        } else if (command.quantity() <= 0 || command.quantity() > quantity) {
            apply(new StockReservationRejected(productId, orderId, command.quantity(),
                    StockReservationRejected.INSUFFICIENT_STOCK));
        } else {
            apply(new StockReserved(productId, orderId, command.quantity(), quantity - command.quantity()));
        }
    }

    @CommandHandler
    void handle(ReleaseStock command) {
        long orderId = command.orderId();
        Integer held = reservations.get(orderId);
        if (held != null) {
            apply(new StockReleased(productId, orderId, held, quantity + held));
        } else if (!settledOrders.contains(orderId)) {
            apply(new StockReservationVoided(productId, orderId));
        }
    }

    private void requireNotDeleted() {
        if (deleted) {
            throw new AggregateDeletedException(String.valueOf(productId), "Product " + productId + " was deleted");
        }
    }

    private void requireOwnerOrAdmin(long requestedBy, boolean admin) {
        if (!admin && (ownerId == null || ownerId != requestedBy)) {
            throw new ProductChangeNotAllowedException(productId, ownerId);
        }
    }

    @EventSourcingHandler
    void on(ProductCreated event) {
        productId = event.productId();
        name = event.name();
        description = event.description();
        price = event.price();
        quantity = event.quantity();
        ownerId = event.ownerId();
    }

    @EventSourcingHandler
    void on(ProductUpdated event) {
        name = event.name();
        description = event.description();
        price = event.price();
        quantity = event.quantity();
    }

    @EventSourcingHandler
    void on(ProductDeleted event) {
        deleted = true;
    }

    @EventSourcingHandler
    void on(StockReserved event) {
        reservations.put(event.orderId(), event.quantity());
        quantity = event.remaining();
    }

    @EventSourcingHandler
    void on(StockReservationRejected event) {
        settledOrders.add(event.orderId());
    }

    @EventSourcingHandler
    void on(StockReleased event) {
        reservations.remove(event.orderId());
        settledOrders.add(event.orderId());
        quantity = event.remaining();
    }

    @EventSourcingHandler
    void on(StockReservationVoided event) {
        settledOrders.add(event.orderId());
    }
}
