package dev.eventcommerce.user.api;

import java.util.Set;

/** Create an account; the id is allocated by the handler and returned. The password is never stored as given. */
public record RegisterUser(String username, String password, Set<String> roles) {

    @Override
    public String toString() {
        return "RegisterUser[username=" + username + ", roles=" + roles + "]";
    }
}
