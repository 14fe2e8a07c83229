package dev.eventcommerce.platform.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The problem document for every error that does not come from a controller: Tomcat's refusals (the
 * {@link ProblemErrorReportValve}), the {@code /error} dispatch ({@link ProblemErrorController}) and the
 * request limits ({@link BodySizeLimitFilter}), and the database outage every advice answers alike. One mapping,
 * so an error reads the same wherever it is caught. A detail never quotes the request: parameter values may be passwords.
 */
public final class ErrorProblems {

    static final String UNEXPECTED = "An unexpected error occurred";

    private ErrorProblems() {
    }

    /** The problem for a status alone, with the detail that status always gets. */
    public static ProblemDetail forStatus(int status, String instance) {
        return problem(status, detailFor(status), instance);
    }

    /**
     * The database (or the event store on it) cannot be reached: 503, logged with the failure's message only (a
     * driver's message names the host, never a password; no stack trace for an outage that says what it is).
     */
    public static ProblemDetail storeUnavailable(Throwable failure, Logger log) {
        log.error("Database unavailable: {}", failure.getMessage());
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The database is unavailable; try again shortly");
    }

    /** The problem for an error raised outside Spring MVC; its detail comes from what failed, not from its message. */
    public static ProblemDetail forError(int status, Throwable error, String instance) {
        return forRequestLimit(error, instance).orElseGet(() -> forStatus(status, instance));
    }

    /**
     * The problem for a request refused by a limit ({@link BodySizeLimitFilter}'s, or Tomcat's parameter
     * parser's) anywhere in {@code error}'s causes; empty for any other error.
     */
    public static Optional<ProblemDetail> forRequestLimit(Throwable error, String instance) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodySizeLimitFilter.BodyTooLargeException tooLarge) {
                return Optional.of(problem(HttpStatus.CONTENT_TOO_LARGE.value(), tooLarge.getMessage(), instance));
            }
            if (cause instanceof BodySizeLimitFilter.BodyReadTimeoutException timeout) {
                return Optional.of(problem(HttpStatus.REQUEST_TIMEOUT.value(), timeout.getMessage(), instance));
            }
            if (cause instanceof BodySizeLimitFilter.MalformedParametersException malformed) {
                return Optional.of(problem(HttpStatus.BAD_REQUEST.value(), malformed.getMessage(), instance));
            }
            if (cause instanceof InvalidParameterException invalid) {
                // Tomcat's message quotes the parameter's value
                return Optional.of(problem(invalid.getErrorCode() == 413 ? 413 : 400,
                        "The request parameters are malformed, too many or too large", instance));
            }
        }
        return Optional.empty();
    }

    static ProblemDetail problem(int status, String detail, String instance) {
        HttpStatus known = HttpStatus.resolve(status);
        ProblemDetail problem = known != null
                ? ProblemDetail.forStatusAndDetail(known, detail) : ProblemDetail.forStatus(status);
        if (known == null) {
            problem.setTitle("Error");
            problem.setDetail(detail);
        }
        if (instance != null) {
            try {
                problem.setInstance(new URI(instance));
            } catch (URISyntaxException notAUri) {
                // a refused request's path need not be a valid URI; the problem is sent without it
            }
        }
        return problem;
    }

    static String detailFor(int status) {
        return switch (status) {
            case 400 -> "The request is malformed (request line, URL encoding, headers or parameters)";
            case 405 -> "The method is not allowed for this resource";
            case 408 -> "The request was not received in time";
            case 413 -> "The request is too large";
            case 414 -> "The request URL is too long";
            case 431 -> "The request headers are too large";
            case 501 -> "The method is not implemented";
            default -> status >= 500 ? UNEXPECTED : reasonPhrase(status);
        };
    }

    private static String reasonPhrase(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known != null ? known.getReasonPhrase() : "The request could not be processed";
    }

    /** A problem as JSON without a mapper, for Tomcat's valve (it runs outside the application context). */
    static String toJson(ProblemDetail problem) {
        StringBuilder json = new StringBuilder("{\"type\":\"about:blank\"");
        json.append(",\"title\":").append(quote(problem.getTitle()));
        json.append(",\"status\":").append(problem.getStatus());
        json.append(",\"detail\":").append(quote(problem.getDetail()));
        if (problem.getInstance() != null) {
            json.append(",\"instance\":").append(quote(problem.getInstance().toString()));
        }
        return json.append('}').toString();
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : (text == null ? "" : text).toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
