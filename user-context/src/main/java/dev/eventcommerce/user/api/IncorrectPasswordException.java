package dev.eventcommerce.user.api;

/** A password change whose current password does not match. */
public class IncorrectPasswordException extends RuntimeException {

    public IncorrectPasswordException() {
        super("The current password is incorrect");
    }
}
