package dev.eventcommerce.platform.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401, 403 and requests the firewall rejects (a {@code ;}, {@code //} or encoded slash in the path: 400)
 * as {@code application/problem+json}, like every other error; a token that cannot be checked because
 * the issuer's keys cannot be fetched is a 503 with {@code Retry-After}, not the caller's fault.
 */
public class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler,
        RequestRejectedHandler, AuthenticationFailureHandler {

    private static final String RETRY_AFTER_SECONDS = "5";

    private final JsonMapper jsonMapper;

    public ProblemSecurityHandlers(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException authException) throws IOException {
        String detail = reason(authException);
        SecurityEvents.refused(request, 401, detail);
        response.setHeader("WWW-Authenticate", detail != null
                ? "Bearer error=\"invalid_token\", error_description=\"" + detail + "\""
                : "Bearer");
        write(request, response, HttpStatus.UNAUTHORIZED, detail != null ? detail : "Missing bearer token");
    }

    /** A bearer token was sent and could not be accepted. */
    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException exception) throws IOException {
        if (exception instanceof AuthenticationServiceException) {
            SecurityEvents.refused(request, 503, "token keys unavailable");
            response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
            write(request, response, HttpStatus.SERVICE_UNAVAILABLE,
                    "The token cannot be checked now: the issuer's signing keys cannot be fetched");
            return;
        }
        commence(request, response, exception);
    }

    /** Why a token was refused, in words fit for the caller; {@code null} when no token was sent. */
    private static String reason(AuthenticationException exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof JwtException jwt) {
                return AccessTokenVerifier.reason(jwt);
            }
        }
        if (exception instanceof OAuth2AuthenticationException oauth && oauth.getError().getDescription() != null) {
            return oauth.getError().getDescription();
        }
        return null;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       AccessDeniedException accessDeniedException) throws IOException {
        SecurityEvents.refused(request, 403, "role missing");
        write(request, response, HttpStatus.FORBIDDEN, "This operation needs a role the caller does not have");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       RequestRejectedException requestRejectedException) throws IOException {
        write(request, response, HttpStatus.BAD_REQUEST, "The request's method or URL is not allowed");
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        try {
            problem.setInstance(URI.create(request.getRequestURI()));
        } catch (IllegalArgumentException notAUri) {
            // a rejected request's path need not be a valid URI; the problem is sent without it
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        jsonMapper.writeValue(response.getOutputStream(), problem);
    }
}
