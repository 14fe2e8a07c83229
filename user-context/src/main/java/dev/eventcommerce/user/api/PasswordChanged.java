package dev.eventcommerce.user.api;

/** The user chose a new password (the hash itself stays in the credentials table). */
public record PasswordChanged(long userId) implements UserEvent {
}
