package dev.eventcommerce.user.api;

import java.time.Instant;
import java.util.Set;

/** A user as the read model holds it; timestamps come from the events, not from projection time. */
public record UserView(long id, String username, boolean active, Set<String> roles,
                       Instant createdAt, Instant updatedAt) {

    /** The streaming processor that maintains this view; writes wait for it before answering. */
    public static final String PROJECTION = "user-view";

    public UserView {
        roles = Set.copyOf(roles);
    }
}
