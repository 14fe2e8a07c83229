package dev.eventcommerce.platform.auth;

/** A bearer token that is malformed, forged, expired or belongs to a deactivated user. */
public class InvalidTokenException extends RuntimeException {

    public InvalidTokenException(String message) {
        super(message);
    }
}
