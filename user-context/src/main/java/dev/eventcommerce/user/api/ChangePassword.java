package dev.eventcommerce.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replace a user's password; the current one must be given, the new one arrives hashed. */
public record ChangePassword(@TargetAggregateIdentifier long userId, String currentPassword, String newPasswordHash) {

    @Override
    public String toString() {
        return "ChangePassword[userId=" + userId + "]";
    }
}
