package dev.eventcommerce.user.api;

/** Registration with a username another account already has. */
public class UsernameTakenException extends RuntimeException {

    public UsernameTakenException(String username) {
        super("Username '" + username + "' is already registered");
    }
}
