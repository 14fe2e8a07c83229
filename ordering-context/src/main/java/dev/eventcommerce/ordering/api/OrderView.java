package dev.eventcommerce.ordering.api;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order as the read model holds it. {@code version} is the sequence number of its latest event (the
 * {@code ETag}); timestamps come from the events; {@code statusReason} is the reason of its latest
 * status change, if it had one (why it was rejected).
 */
public record OrderView(long id, long userId, long productId, String productName, int quantity,
                        BigDecimal unitPrice, BigDecimal totalPrice, OrderStatus status, String statusReason,
                        long version, Instant createdAt, Instant updatedAt) {

    /** The streaming processor that maintains this view; writes wait for it before answering. */
    public static final String PROJECTION = "order-view";
}
