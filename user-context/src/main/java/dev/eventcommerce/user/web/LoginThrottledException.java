package dev.eventcommerce.user.web;

/** Too many failed logins lately for this username or from this client. */
class LoginThrottledException extends RuntimeException {

    private final long retryAfterSeconds;

    LoginThrottledException(long retryAfterSeconds) {
        super("Too many failed logins; try again in " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
