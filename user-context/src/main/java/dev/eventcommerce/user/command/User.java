package dev.eventcommerce.user.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.eventcommerce.platform.axon.IdSequence;
import dev.eventcommerce.user.api.ChangePassword;
import dev.eventcommerce.user.api.DeactivateUser;
import dev.eventcommerce.user.api.IncorrectPasswordException;
import dev.eventcommerce.user.api.PasswordChanged;
import dev.eventcommerce.user.api.RegisterUser;
import dev.eventcommerce.user.api.ResetPassword;
import dev.eventcommerce.user.api.SelfDeactivationException;
import dev.eventcommerce.user.api.UserDeactivated;
import dev.eventcommerce.user.api.UserDeactivatedException;
import dev.eventcommerce.user.api.UserRegistered;
import dev.eventcommerce.user.credentials.Credentials;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A user account.
 *
 * <p>Lifecycle: registered (active) → deactivated, for good. While active its password can be changed,
 * given the current one (or, for the admin account, set by the service from its configuration). Deactivation is an admin's act, never on its own account; deactivating an
 * already deactivated user changes nothing.
 *
 * <p>Invariants: usernames are unique across all users (claimed in the credentials table in the same
 * transaction as the event); the password hash never enters the event stream.
 */
@Aggregate
class User {

    @AggregateIdentifier
    private Long userId;
    private boolean active;

    User() {
        // for Axon: rebuilt from its events
    }

    @CommandHandler
    User(RegisterUser command, IdSequence userIds, Credentials credentials) {
        long id = userIds.next();
        credentials.register(id, command.username(), command.passwordHash());
        apply(new UserRegistered(id, command.username(), Set.copyOf(command.roles())));
    }

    @CommandHandler
    void handle(ChangePassword command, Credentials credentials) {
        if (!active) {
            throw new UserDeactivatedException(userId);
        }
        if (!credentials.matches(userId, command.currentPassword())) {
            throw new IncorrectPasswordException();
        }
        credentials.changePassword(userId, command.newPasswordHash());
        apply(new PasswordChanged(userId));
    }

    @CommandHandler
    void handle(ResetPassword command, Credentials credentials) {
        if (!active) {
            throw new UserDeactivatedException(userId);
        }
        credentials.changePassword(userId, command.newPasswordHash());
        apply(new PasswordChanged(userId));
    }

    @CommandHandler
    void handle(DeactivateUser command) {
        if (command.requestedBy() == userId.longValue()) {
            throw new SelfDeactivationException();
        }
        if (active) {
            apply(new UserDeactivated(userId, command.requestedBy()));
        }
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        userId = event.userId();
        active = true;
    }

    @EventSourcingHandler
    void on(UserDeactivated event) {
        active = false;
    }
}
