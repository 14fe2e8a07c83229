package dev.eventcommerce.kernel.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request from its {@code Authorization: Bearer} header, verified locally. A bad token
 * leaves the request anonymous and records why, so a protected endpoint answers 401 with that reason
 * while public endpoints stay reachable.
 */
public class BearerTokenFilter extends OncePerRequestFilter {

    static final String FAILURE_ATTRIBUTE = BearerTokenFilter.class.getName() + ".failure";
    private static final String PREFIX = "bearer ";

    private final AccessTokens accessTokens;

    public BearerTokenFilter(AccessTokens accessTokens) {
        this.accessTokens = accessTokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            try {
                AuthenticatedUser user = accessTokens.verify(header.substring(PREFIX.length()).trim());
                List<SimpleGrantedAuthority> authorities = user.roles().stream()
                        .map(role -> new SimpleGrantedAuthority("ROLE_" + role.toUpperCase(java.util.Locale.ROOT)))
                        .toList();
                var authentication = UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
                SecurityContextHolder.getContext().setAuthentication(authentication);
            } catch (InvalidTokenException e) {
                request.setAttribute(FAILURE_ATTRIBUTE, e.getMessage());
            }
        } else if (header != null) {
            request.setAttribute(FAILURE_ATTRIBUTE, "Authorization header must use the Bearer scheme");
        }
        chain.doFilter(request, response);
    }
}
