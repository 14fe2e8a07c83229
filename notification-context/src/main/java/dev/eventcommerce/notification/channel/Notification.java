package dev.eventcommerce.notification.channel;

/** What a channel delivers: a text for one user about one order. */
public record Notification(long orderId, long userId, String text) {
}
