package dev.eventcommerce.user.web;

import dev.eventcommerce.platform.auth.AuthorizationRules;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;

/** Registration, login, token validation and the signing keys are public; any account but one's own is the admin's. */
@Component
class UserAccessRules implements AuthorizationRules {

    @Override
    public List<RequestMatcher> publicRequests() {
        return List.of(PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/register"),
                PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/login"),
                PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/validate-token"),
                PathPatternRequestMatcher.pathPattern(HttpMethod.GET, JwksController.PATH));
    }

    @Override
    public void configure(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry registry) {
        registry.requestMatchers("/users/me", "/users/me/**").authenticated();
        registry.requestMatchers("/users/**").hasRole("ADMIN");
    }
}
