package dev.eventcommerce.catalog.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.eventcommerce.catalog.api.CreateProduct;
import dev.eventcommerce.kernel.axon.IdSequence;
import dev.eventcommerce.catalog.api.DeleteProduct;
import dev.eventcommerce.catalog.api.ProductCreated;
import dev.eventcommerce.catalog.api.ProductDeleted;
import dev.eventcommerce.catalog.api.ProductUpdated;
import dev.eventcommerce.catalog.api.UpdateProduct;
import java.math.BigDecimal;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A product in the catalogue.
 *
 * <p>Lifecycle: created → updated any number of times → deleted. A deleted product is gone for every
 * command (its history stays in the event store); the read side answers 404 for it.
 *
 * <p>Invariants: a name of 1–255 characters that is not blank, a description of at most 1000, a price
 * above 0 with at most two decimals, a quantity of 0 or more. An update that changes nothing records
 * nothing.
 *
 * <p>Snapshots store its fields as JSON, hence the field visibility for Jackson.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
class Product {

    @AggregateIdentifier
    private Long productId;
    private String name;
    private String description;
    private BigDecimal price;
    private int quantity;

    Product() {
        // for Axon: rebuilt from its events
    }

    @CommandHandler
    Product(CreateProduct command, IdSequence productIds) {
        String name = ProductRules.name(command.name());
        String description = ProductRules.description(command.description());
        BigDecimal price = ProductRules.price(command.price());
        int quantity = ProductRules.quantity(command.quantity());
        apply(new ProductCreated(productIds.next(), name, description, price, quantity));
    }

    @CommandHandler
    void handle(UpdateProduct command) {
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
        apply(new ProductDeleted(productId));
    }

    @EventSourcingHandler
    void on(ProductCreated event) {
        productId = event.productId();
        name = event.name();
        description = event.description();
        price = event.price();
        quantity = event.quantity();
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
        markDeleted();
    }
}
