package dev.eventcommerce.kernel.auth;

import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A context's own access rules, applied after the shared public paths (health, docs, metrics) and
 * before the closing rule that every other request needs a valid token.
 */
@FunctionalInterface
public interface AuthorizationRules {

    void configure(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry registry);
}
