package dev.eventcommerce.platform.web;

import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A context's domain exceptions and the status each is answered with: declare one as a bean and
 * {@link ProblemDetailsAdvice} answers them as problem+json with the exception's message as the detail (a
 * subclass takes its nearest mapped superclass's status; a wrapped one is found by its cause). An exception that
 * needs more than a status and its message keeps its own {@code @ExceptionHandler}.
 */
public final class DomainProblems {

    private final Map<Class<? extends RuntimeException>, HttpStatus> statuses;

    private DomainProblems(Map<Class<? extends RuntimeException>, HttpStatus> statuses) {
        this.statuses = Map.copyOf(statuses);
    }

    public static DomainProblems of(Map<Class<? extends RuntimeException>, HttpStatus> statuses) {
        return new DomainProblems(statuses);
    }

    /** The answer for the first exception in {@code failure}'s cause chain that this table maps, if any. */
    Optional<ProblemDetail> answer(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            for (Class<?> type = cause.getClass(); type != null; type = type.getSuperclass()) {
                HttpStatus status = statuses.get(type);
                if (status != null) {
                    return Optional.of(ProblemDetail.forStatusAndDetail(status, cause.getMessage()));
                }
            }
        }
        return Optional.empty();
    }
}
