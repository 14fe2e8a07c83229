package dev.eventcommerce.user.api;

/** An admin deactivated the user: it can no longer log in, and its tokens stop working everywhere. */
public record UserDeactivated(long userId, long deactivatedBy) implements UserEvent {
}
