package dev.eventcommerce.ordering.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An order's status, written in lower case: the seed code's five and {@code rejected}. The lifecycle:
 * pending → confirmed | rejected | cancelled; confirmed → shipped | cancelled; shipped → delivered.
 * Delivered, rejected and cancelled are final. Confirmed and rejected are the stock reservation's
 * outcome ({@link #isSetByTheReservation()}), never asked for.
 */
public enum OrderStatus {
    PENDING, CONFIRMED, SHIPPED, DELIVERED, CANCELLED, REJECTED;

    private static final Map<OrderStatus, Set<OrderStatus>> NEXT = Map.of(
            PENDING, Set.of(CONFIRMED, REJECTED, CANCELLED),
            CONFIRMED, Set.of(SHIPPED, CANCELLED),
            SHIPPED, Set.of(DELIVERED),
            DELIVERED, Set.of(),
            CANCELLED, Set.of(),
            REJECTED, Set.of());

    public boolean canBecome(OrderStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** Whether an order in this status may still hold stock, which a cancellation must give back. */
    public boolean mayHoldStock() {
        return this == PENDING || this == CONFIRMED;
    }

    /** Shipped and delivered orders are the shop's record: their customer may no longer delete them. */
    public boolean isKeptByTheShop() {
        return this == SHIPPED || this == DELIVERED;
    }

    /** Confirmed and rejected follow from catalog's answer (or its absence), never from a request. */
    public boolean isSetByTheReservation() {
        return this == CONFIRMED || this == REJECTED;
    }

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status named {@code value} (lower case, as in the API); unknown names are refused. */
    @JsonCreator
    public static OrderStatus of(String value) {
        return Arrays.stream(values()).filter(status -> status.value().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown order status: " + value));
    }
}
