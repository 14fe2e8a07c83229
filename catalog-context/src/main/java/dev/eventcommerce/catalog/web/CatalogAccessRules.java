package dev.eventcommerce.catalog.web;

import dev.eventcommerce.platform.auth.AuthorizationRules;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;

/** Reading the catalogue is public; changing it needs a valid token (and, for a product, to own it). */
@Component
class CatalogAccessRules implements AuthorizationRules {

    @Override
    public List<RequestMatcher> publicRequests() {
        return List.of(PathPatternRequestMatcher.pathPattern(HttpMethod.GET, "/products"),
                PathPatternRequestMatcher.pathPattern(HttpMethod.GET, "/products/*"));
    }
}
