package dev.eventcommerce.user.api;

/** Everything that can happen to a user; the payloads stored in user_db's event table. */
public sealed interface UserEvent permits UserRegistered, PasswordChanged, UserDeactivated {

    long userId();
}
