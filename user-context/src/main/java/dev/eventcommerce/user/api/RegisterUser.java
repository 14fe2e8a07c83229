package dev.eventcommerce.user.api;

import java.util.Set;

/**
 * Create an account; the id is allocated by the handler and returned. The password arrives hashed (the
 * slow bcrypt runs before the command, outside its transaction).
 */
public record RegisterUser(String username, String passwordHash, Set<String> roles) {

    @Override
    public String toString() {
        return "RegisterUser[username=" + username + ", roles=" + roles + "]";
    }
}
