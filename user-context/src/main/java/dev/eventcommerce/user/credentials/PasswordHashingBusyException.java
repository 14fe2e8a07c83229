package dev.eventcommerce.user.credentials;

/** Every bcrypt slot is taken and none freed in time: the caller should retry in a moment. */
public class PasswordHashingBusyException extends RuntimeException {

    public PasswordHashingBusyException() {
        super("Too many logins and registrations at once; try again in a moment");
    }
}
