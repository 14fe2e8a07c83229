package dev.eventcommerce.user.web;

import dev.eventcommerce.user.credentials.PasswordHashingBusyException;
import dev.eventcommerce.user.api.IncorrectPasswordException;
import dev.eventcommerce.user.api.SelfDeactivationException;
import dev.eventcommerce.user.api.UserDeactivatedException;
import dev.eventcommerce.user.api.UsernameTakenException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The user context's domain failures as problem+json; runs before platform/web's generic advice. */
@RestControllerAdvice
@Order(0)
class UserProblems {

    @ExceptionHandler(UsernameTakenException.class)
    ProblemDetail usernameTaken(UsernameTakenException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler({UserDeactivatedException.class, SelfDeactivationException.class})
    ProblemDetail conflict(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(IncorrectPasswordException.class)
    ProblemDetail incorrectPassword(IncorrectPasswordException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(UserNotFoundException.class)
    ProblemDetail notFound(UserNotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(LoginFailedException.class)
    ResponseEntity<ProblemDetail> loginFailed(LoginFailedException e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage()));
    }

    @ExceptionHandler(ThrottledException.class)
    ResponseEntity<ProblemDetail> throttled(ThrottledException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()))
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage()));
    }

    @ExceptionHandler(CredentialRules.InvalidCredentialsException.class)
    ProblemDetail invalidCredentials(CredentialRules.InvalidCredentialsException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setTitle("Validation failed");
        problem.setProperty("errors", e.errors());
        return problem;
    }

    @ExceptionHandler(PasswordHashingBusyException.class)
    ResponseEntity<ProblemDetail> busy(PasswordHashingBusyException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
    }

    /** The login form without username or password: a validation failure, as in the seed. */
    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missingField(MissingServletRequestParameterException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                e.getParameterName() + ": is required");
    }
}
