package dev.eventcommerce.ordering.web;

import dev.eventcommerce.platform.auth.AuthorizationRules;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** Every order endpoint needs a valid token; who may see which order is decided per order. */
@Component
class OrderAccessRules implements AuthorizationRules {

    @Override
    public void configure(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry registry) {
        registry.requestMatchers("/orders", "/orders/**").authenticated();
    }
}
