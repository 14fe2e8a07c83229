package dev.eventcommerce.console.session;

import dev.eventcommerce.console.services.ServiceCalls;
import dev.eventcommerce.console.services.ServiceDirectory;
import dev.eventcommerce.platform.auth.AccessTokenVerifier;
import dev.eventcommerce.platform.auth.AuthenticatedUser;
import dev.eventcommerce.platform.auth.InvalidTokenException;
import java.util.List;
import java.util.Map;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The console's login: the user service's own {@code POST /login} checks the admin's credentials (its throttle and
 * its security events included), and the token it answers with is verified here like every service verifies one
 * (signature by the issuer's JWK Set, issuer, expiry, revocation: platform/web's {@link AccessTokenVerifier}), never
 * trusted unverified. Only a token with the admin role opens a session; the token stays in it, server-side.
 * <p>
 * Not a bean: the only {@link AuthenticationProvider} bean would also be registered in Spring Boot's global
 * authentication manager, which asks again whatever the console's own refused, so one failed login would reach the
 * user service twice (its throttle counting twice, a non-admin issued a second token). {@link ConsoleSecurity}
 * gives it to the login form alone.
 */
public class AdminLogin implements AuthenticationProvider {

    static final String ROLE_ADMIN = "ROLE_ADMIN";

    /** The user service refused the login for too many attempts (429). */
    static class ThrottledException extends AuthenticationServiceException {

        ThrottledException(String message) {
            super(message);
        }
    }

    private final ServiceDirectory directory;
    private final ServiceCalls calls;
    private final AccessTokenVerifier verifier;

    public AdminLogin(ServiceDirectory directory, ServiceCalls calls, AccessTokenVerifier verifier) {
        this.directory = directory;
        this.calls = calls;
        this.verifier = verifier;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        if (username == null || username.isBlank() || password.isEmpty()) {
            throw new BadCredentialsException(LoginFailure.BAD_CREDENTIALS.message());
        }
        String client = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
        String token = login(username, password, client);
        AuthenticatedUser user;
        try {
            user = verifier.verify(token);
        } catch (InvalidTokenException e) {
            throw new AuthenticationServiceException("The user service's token could not be verified: " + e.getMessage());
        }
        if (!user.isAdmin()) {
            throw new InsufficientAuthenticationException(LoginFailure.NOT_ADMIN.message());
        }
        ConsoleAdmin admin = new ConsoleAdmin(user.userId(), user.username(), token, user.expiresAt());
        return UsernamePasswordAuthenticationToken.authenticated(admin, null, List.of(new SimpleGrantedAuthority(ROLE_ADMIN)));
    }

    /**
     * The first user-service instance that answers decides, as {@link ServiceCalls#first} reads: one that cannot be
     * reached or answers 5xx is passed over for the next, the last one's failure reported.
     */
    private String login(String username, String password, String client) {
        ServiceCalls.Answer answer = calls.first(directory.instances("user"), instance -> calls.postForm(instance.url(),
                "/login", Map.of("username", username, "password", password), client));
        if (!answer.reached()) {
            throw new AuthenticationServiceException("The user service cannot be reached: " + answer.failure());
        }
        if (answer.ok() && answer.body() != null && answer.body().hasNonNull("access_token")) {
            return answer.body().get("access_token").asString();
        }
        if (answer.status() == 401 || answer.status() == 422 || answer.status() == 400) {
            throw new BadCredentialsException(LoginFailure.BAD_CREDENTIALS.message());
        }
        if (answer.status() == 429) {
            throw new ThrottledException(LoginFailure.THROTTLED.message());
        }
        throw new AuthenticationServiceException("The user service cannot log you in now (" + answer.reason() + ")");
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
