package dev.eventcommerce.user.web;

class UserNotFoundException extends RuntimeException {

    UserNotFoundException(long userId) {
        super("User " + userId + " not found");
    }
}
