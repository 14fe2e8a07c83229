package dev.eventcommerce.ordering.api;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * The order was deleted (a tombstone): it reads 404, its history stays in the event store.
 * {@code releasesStock} when it was pending or confirmed and so may hold stock, which catalog must give
 * back as for a cancellation. Deletions stored before the field existed read as no release.
 */
public record OrderDeleted(long orderId, boolean releasesStock) implements OrderEvent {

    /** Reads stored events, also those without {@code releasesStock} (stored before it existed). */
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    static OrderDeleted stored(long orderId, Boolean releasesStock) {
        return new OrderDeleted(orderId, Boolean.TRUE.equals(releasesStock));
    }
}
