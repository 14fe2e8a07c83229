package dev.eventcommerce.user.web;

import dev.eventcommerce.kernel.auth.AuthorizationRules;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** Registration, login and token validation are public; any account but one's own is the admin's. */
@Component
class UserAccessRules implements AuthorizationRules {

    @Override
    public void configure(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry registry) {
        registry.requestMatchers(HttpMethod.POST, "/register", "/login", "/validate-token").permitAll();
        registry.requestMatchers("/users/me", "/users/me/**").authenticated();
        registry.requestMatchers("/users/**").hasRole("ADMIN");
    }
}
