package dev.eventcommerce.notification.api;

import java.time.Instant;

/** A notification as it was sent and recorded. */
public record NotificationView(long id, long orderId, long userId, String channel, String message, String status,
                               Instant createdAt) {
}
