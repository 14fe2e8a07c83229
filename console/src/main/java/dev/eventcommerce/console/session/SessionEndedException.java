package dev.eventcommerce.console.session;

/** A service refused the session's token (401): expired, revoked, or its user deactivated. The session ends. */
public class SessionEndedException extends RuntimeException {

    public SessionEndedException(String message) {
        super(message);
    }
}
