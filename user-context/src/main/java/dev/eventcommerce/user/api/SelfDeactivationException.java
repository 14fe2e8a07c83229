package dev.eventcommerce.user.api;

/** An admin tried to deactivate its own account, which would lock it out. */
public class SelfDeactivationException extends RuntimeException {

    public SelfDeactivationException() {
        super("An admin cannot deactivate its own account");
    }
}
