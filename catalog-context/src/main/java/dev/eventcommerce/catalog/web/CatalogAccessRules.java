package dev.eventcommerce.catalog.web;

import dev.eventcommerce.kernel.auth.AuthorizationRules;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** Reading the catalogue is public; changing it needs a valid token. */
@Component
class CatalogAccessRules implements AuthorizationRules {

    @Override
    public void configure(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry registry) {
        registry.requestMatchers(HttpMethod.GET, "/products", "/products/*").permitAll();
    }
}
