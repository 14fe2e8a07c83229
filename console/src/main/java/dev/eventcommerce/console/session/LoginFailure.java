package dev.eventcommerce.console.session;

import java.util.Arrays;
import java.util.Optional;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;

/**
 * Why a login failed, as the login page names it in its URL ({@code ?error=bad_credentials}) and says it. The
 * failure travels by this code only: the exception itself holds the login request, password included, and is
 * never kept in the session.
 */
public enum LoginFailure {

    BAD_CREDENTIALS("bad_credentials", "Invalid username or password"),
    NOT_ADMIN("not_admin", "This console is for administrators only"),
    THROTTLED("throttled", "Too many login attempts; try again later"),
    UNAVAILABLE("unavailable", "The user service cannot log you in now; try again later");

    private final String code;
    private final String message;

    LoginFailure(String code, String message) {
        this.code = code;
        this.message = message;
    }

    public String code() {
        return code;
    }

    public String message() {
        return message;
    }

    /** The failure a code names; empty for a code the console never sends. */
    public static Optional<LoginFailure> ofCode(String code) {
        return Arrays.stream(values()).filter(failure -> failure.code.equals(code)).findFirst();
    }

    /** What {@link AdminLogin} refused with; whatever else went wrong on the way is the user service's to answer. */
    static LoginFailure of(AuthenticationException refusal) {
        if (refusal instanceof BadCredentialsException) {
            return BAD_CREDENTIALS;
        }
        if (refusal instanceof InsufficientAuthenticationException) {
            return NOT_ADMIN;
        }
        if (refusal instanceof AdminLogin.ThrottledException) {
            return THROTTLED;
        }
        return UNAVAILABLE;
    }
}
