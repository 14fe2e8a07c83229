package dev.eventcommerce.ordering.web;

import dev.eventcommerce.ordering.api.OrderEvent;
import dev.eventcommerce.ordering.api.OrderHistoryEntry;
import dev.eventcommerce.ordering.api.OrderStatus;
import dev.eventcommerce.ordering.api.OrderView;
import java.math.BigDecimal;
import java.time.Instant;

/** Response bodies of the order API, in the seed's snake_case shapes. */
final class OrderResponses {

    private OrderResponses() {
    }

    record Order(long id, long userId, long productId, String productName, int quantity, BigDecimal unitPrice,
                 BigDecimal totalPrice, OrderStatus status, String statusReason, long version, Instant createdAt,
                 Instant updatedAt) {

        static Order of(OrderView view) {
            return new Order(view.id(), view.userId(), view.productId(), view.productName(), view.quantity(),
                    view.unitPrice(), view.totalPrice(), view.status(), view.statusReason(), view.version(),
                    view.createdAt(), view.updatedAt());
        }
    }

    record Actor(Long userId, String username) {
    }

    record HistoryEntry(long sequence, String eventType, Instant timestamp, Actor actor, String traceId,
                        OrderEvent data) {

        static HistoryEntry of(OrderHistoryEntry entry) {
            Actor actor = entry.actorUserId() == null && entry.actorUsername() == null ? null
                    : new Actor(entry.actorUserId(), entry.actorUsername());
            return new HistoryEntry(entry.sequence(), entry.eventType(), entry.timestamp(), actor, entry.traceId(),
                    entry.data());
        }
    }
}
