package dev.eventcommerce.ordering.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.eventcommerce.kernel.money.Money;
import dev.eventcommerce.platform.axon.IdSequence;
import dev.eventcommerce.ordering.api.ChangeOrderStatus;
import dev.eventcommerce.ordering.api.ConfirmOrder;
import dev.eventcommerce.ordering.api.DeleteOrder;
import dev.eventcommerce.ordering.api.IllegalTransitionException;
import dev.eventcommerce.ordering.api.InvalidOrderException;
import dev.eventcommerce.ordering.api.OrderDeleted;
import dev.eventcommerce.ordering.api.OrderKeptByTheShopException;
import dev.eventcommerce.ordering.api.OrderNotFoundException;
import dev.eventcommerce.ordering.api.OrderPlaced;
import dev.eventcommerce.ordering.api.OrderStatus;
import dev.eventcommerce.ordering.api.OrderStatusChanged;
import dev.eventcommerce.ordering.api.PlaceOrder;
import dev.eventcommerce.ordering.api.RejectOrder;
import dev.eventcommerce.ordering.api.StatusChangeNotAllowedException;
import dev.eventcommerce.ordering.api.StatusSetByTheReservationException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A customer's order of one product.
 *
 * <p>Lifecycle ({@link OrderStatus}): placed pending; catalog's stock reservation then confirms it, or
 * rejects it with the reason (insufficient stock, product deleted), or the reservation deadline rejects
 * it; pending → cancelled; confirmed → shipped | cancelled; shipped → delivered. Confirmed and rejected
 * are never asked for; a reply of catalog that no longer applies (the order is no longer pending)
 * records nothing. Any other change, including to the status it already has, is refused. Deletion is a
 * tombstone: the order is then gone for every command, its history stays. Its customer may delete it
 * until it is shipped; a shipped or delivered order is the shop's record, which only an admin may delete.
 *
 * <p>Stock: a pending or confirmed order may hold stock in catalog; cancelling or deleting it, or
 * rejecting it when catalog never answered, marks the change as releasing the stock ({@link OrderStatusChanged#releasesStock()}),
 * which the bridge turns into a release request. Delivered and shipped orders keep theirs.
 *
 * <p>Invariants: a quantity above 0 and at most the shop's limit per order ({@link OrderLimits}); the
 * total is unit price times quantity, in decimals; only the customer who placed it, or an admin, may
 * change or delete it (anyone else is told it does not exist); the customer may only cancel it, shipping
 * and delivering are the shop's, an admin's.
 *
 * <p>Snapshots store its fields as JSON, hence the field visibility for Jackson.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger", cache = "aggregateCache")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
class Order {

    @AggregateIdentifier
    private Long orderId;
    private long userId;
    private OrderStatus status;

    Order() {
        // for Axon: rebuilt from its events
    }

    @CommandHandler
    Order(PlaceOrder command, IdSequence orderIds, OrderLimits limits) {
        if (command.quantity() <= 0) {
            throw new InvalidOrderException("quantity must be greater than 0");
        }
        if (command.quantity() > limits.maxQuantityPerOrder()) {
            throw new InvalidOrderException("quantity must be at most " + limits.maxQuantityPerOrder() + " per order");
        }
        if (command.unitPrice() == null || command.unitPrice().signum() <= 0) {
            throw new InvalidOrderException("the product has no valid price");
        }
        Money unitPrice = Money.of(command.unitPrice());
        apply(new OrderPlaced(orderIds.next(), command.userId(), command.productId(), command.productName(),
                command.quantity(), unitPrice.amount(), unitPrice.times(command.quantity()).amount()));
    }

    @CommandHandler
    void handle(ChangeOrderStatus command) {
        requireAccess(command.requestedBy(), command.requestedByAdmin());
        if (command.status().isSetByTheReservation()) {
            throw new StatusSetByTheReservationException(command.status());
        }
        if (!command.requestedByAdmin() && command.status() != OrderStatus.CANCELLED) {
            throw new StatusChangeNotAllowedException(command.status());
        }
        if (!status.canBecome(command.status())) {
            throw new IllegalTransitionException(status, command.status());
        }
        boolean releasesStock = command.status() == OrderStatus.CANCELLED && status.mayHoldStock();
        apply(new OrderStatusChanged(orderId, status, command.status(), null, releasesStock));
    }

    @CommandHandler
    void handle(ConfirmOrder command) {
        if (status == OrderStatus.PENDING) {
            apply(new OrderStatusChanged(orderId, status, OrderStatus.CONFIRMED));
        }
    }

    @CommandHandler
    void handle(RejectOrder command) {
        if (status == OrderStatus.PENDING) {
            apply(new OrderStatusChanged(orderId, status, OrderStatus.REJECTED, command.reason(),
                    command.releasesStock()));
        }
    }

    @CommandHandler
    void handle(DeleteOrder command) {
        requireAccess(command.requestedBy(), command.requestedByAdmin());
        if (!command.requestedByAdmin() && status.isKeptByTheShop()) {
            throw new OrderKeptByTheShopException(orderId, status);
        }
        apply(new OrderDeleted(orderId, status.mayHoldStock()));
    }

    private void requireAccess(long requestedBy, boolean admin) {
        if (!admin && requestedBy != userId) {
            throw new OrderNotFoundException(orderId);
        }
    }

    @EventSourcingHandler
    void on(OrderPlaced event) {
        orderId = event.orderId();
        userId = event.userId();
        status = OrderStatus.PENDING;
    }

    @EventSourcingHandler
    void on(OrderStatusChanged event) {
        status = event.to();
    }

    @EventSourcingHandler
    void on(OrderDeleted event) {
        markDeleted();
    }
}
