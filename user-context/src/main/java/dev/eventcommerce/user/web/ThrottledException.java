package dev.eventcommerce.user.web;

/** Too many attempts lately: the caller is told how long to wait (429 with Retry-After). */
class ThrottledException extends RuntimeException {

    private final long retryAfterSeconds;

    ThrottledException(String what, long retryAfterSeconds) {
        super("Too many " + what + "; try again in " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    ThrottledException(long retryAfterSeconds) {
        this("failed logins", retryAfterSeconds);
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
