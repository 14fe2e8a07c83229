package dev.eventcommerce.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Set a user's password without the current one: only the service itself does this, for the admin account
 * whose password the operator sets in {@code ADMIN_PASSWORD}. The new password arrives hashed.
 */
public record ResetPassword(@TargetAggregateIdentifier long userId, String newPasswordHash) {

    @Override
    public String toString() {
        return "ResetPassword[userId=" + userId + "]";
    }
}
