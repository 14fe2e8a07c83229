package dev.eventcommerce.user.api;

/** A change asked of a user that has been deactivated. */
public class UserDeactivatedException extends RuntimeException {

    public UserDeactivatedException(long userId) {
        super("User " + userId + " is deactivated");
    }
}
