package dev.eventcommerce.notification.api;

import java.time.Instant;

/**
 * Record a notification that is being sent, unless one was already recorded for the same AMQP message.
 *
 * @param messageId the AMQP message id of the order-created message (the order-placed event's id)
 * @param createdAt when this service received the message and sent the notification
 */
public record RecordNotification(String messageId, long orderId, long userId, String channel, String message,
                                 String status, Instant createdAt) {
}
