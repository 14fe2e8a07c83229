package dev.eventcommerce.user.credentials;

/** Allocates the integer ids of new users from user_db's own sequence. */
@FunctionalInterface
public interface UserIds {

    long next();
}
