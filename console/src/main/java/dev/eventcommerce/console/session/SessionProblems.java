package dev.eventcommerce.console.session;

import dev.eventcommerce.platform.auth.ProblemSecurityHandlers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refusals: without a session the console's API answers 401 problem+json and its pages send the browser to the
 * login page; a session without the admin role gets 403 problem+json. A request without a session and without a
 * CSRF token (its token lives in the session) is a missing session (401), not a forbidden request.
 */
public class SessionProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String LOGIN_PAGE = "/console/login";
    static final RequestMatcher API = PathPatternRequestMatcher.pathPattern("/console/api/**");

    private final JsonMapper json;
    private final ProblemSecurityHandlers forbidden;
    private final AuthenticationEntryPoint loginPage = new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE);

    public SessionProblems(JsonMapper json) {
        this.json = json;
        this.forbidden = new ProblemSecurityHandlers(json);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException reason)
            throws IOException, jakarta.servlet.ServletException {
        if (!API.matches(request)) {
            loginPage.commence(request, response, reason);
            return;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                "Log in to the console first: no session, or it has ended");
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException, jakarta.servlet.ServletException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller == null || caller instanceof AnonymousAuthenticationToken || !caller.isAuthenticated()) {
            commence(request, response, null);
            return;
        }
        forbidden.handle(request, response, denied);
    }
}
