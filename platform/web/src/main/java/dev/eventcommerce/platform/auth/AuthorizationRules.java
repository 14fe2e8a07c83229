package dev.eventcommerce.platform.auth;

import java.util.List;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * A context's own access rules, applied after the shared public paths (health, docs, metrics) and
 * before the closing rule that every other request needs a valid token.
 */
public interface AuthorizationRules {

    /**
     * Requests anyone may make. A token sent with them is not even read, so that a client holding an
     * expired token can still browse, register or log in.
     */
    default List<RequestMatcher> publicRequests() {
        return List.of();
    }

    /** Rules for the context's other requests. */
    default void configure(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry registry) {
    }
}
