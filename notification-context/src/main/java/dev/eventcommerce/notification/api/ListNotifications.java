package dev.eventcommerce.notification.api;

/** A page of one user's notifications, newest first. */
public record ListNotifications(long userId, int skip, int limit) {
}
