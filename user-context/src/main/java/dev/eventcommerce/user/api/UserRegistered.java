package dev.eventcommerce.user.api;

import java.util.Set;

/** A user account was created. The password hash is not part of the event: it lives in the credentials table. */
public record UserRegistered(long userId, String username, Set<String> roles) implements UserEvent {
}
