package dev.eventcommerce.user.web;

/** Wrong password, unknown or deactivated user: one answer for all, so none can be told apart. */
class LoginFailedException extends RuntimeException {

    LoginFailedException() {
        super("Incorrect username or password");
    }
}
