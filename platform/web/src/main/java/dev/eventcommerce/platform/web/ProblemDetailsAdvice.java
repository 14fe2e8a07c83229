package dev.eventcommerce.platform.web;

import org.springframework.http.MediaType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error a service answers, as {@code application/problem+json} with a clear {@code detail} and no
 * stack trace: malformed JSON 400, invalid fields 422 (the seed's status for validation failures), bad
 * path values 400, concurrent changes 409. Contexts map their own domain exceptions to a status with a
 * {@link DomainProblems} bean (or an advice of their own, ahead of this one, for a richer answer); anything
 * unexpected is logged with a reference and answered 500 without internals.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    private final List<DomainProblems> domainProblems;

    public ProblemDetailsAdvice(List<DomainProblems> domainProblems) {
        this.domainProblems = List.copyOf(domainProblems);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(ProblemDetailsAdvice::fieldError)
                .sorted(java.util.Comparator.comparing(error -> error.get("field")))
                .toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                errors.stream().map(e -> e.get("field") + ": " + e.get("message")).collect(Collectors.joining("; ")));
        problem.setTitle("Validation failed");
        problem.setProperty("errors", errors);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.UNPROCESSABLE_CONTENT, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> result.getMethodParameter().getParameterName() + ": " + error.getDefaultMessage()))
                .sorted()
                .collect(Collectors.joining("; "));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, detail);
        problem.setTitle("Validation failed");
        return handleExceptionInternal(ex, problem, headers, HttpStatus.UNPROCESSABLE_CONTENT, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Optional<ProblemDetail> limit = ErrorProblems.forRequestLimit(ex, null);
        if (limit.isPresent()) {
            return handleExceptionInternal(ex, limit.get(), headers, HttpStatusCode.valueOf(limit.get().getStatus()),
                    request);
        }
        Throwable cause = jacksonCause(ex);
        HttpStatus answer = HttpStatus.BAD_REQUEST;
        String detail;
        if (cause instanceof UnrecognizedPropertyException unknown) {
            answer = HttpStatus.UNPROCESSABLE_CONTENT;
            detail = "Unknown field '" + unknown.getPropertyName() + "'";
        } else if (cause instanceof InputCoercionException outOfRange) {
            answer = HttpStatus.UNPROCESSABLE_CONTENT;
            detail = "Field '" + path(outOfRange) + "' is out of range";
        } else if (cause instanceof StreamReadException) {
            detail = "Malformed JSON request body";
        } else if (cause instanceof DatabindException databind && !path(databind).isEmpty()) {
            answer = HttpStatus.UNPROCESSABLE_CONTENT;
            detail = "Field '" + path(databind) + "' has a value of the wrong type or format";
        } else if (cause instanceof DatabindException) {
            answer = HttpStatus.UNPROCESSABLE_CONTENT;
            detail = "Request body must be a JSON object of the documented shape";
        } else if (cause instanceof JacksonException) {
            detail = "Malformed JSON request body";
        } else {
            detail = "Request body is missing or unreadable";
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(answer, detail);
        return handleExceptionInternal(ex, problem, headers, answer, request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "Parameter '" + ex.getName() + "' has an invalid value");
    }

    /** Tomcat's parameter parser quotes the value in its message (a password, say): never log it. */
    @ExceptionHandler(InvalidParameterException.class)
    ProblemDetail invalidParameters(InvalidParameterException ex) {
        return ErrorProblems.forError(HttpStatus.BAD_REQUEST.value(), ex, null);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail constraintViolation(ConstraintViolationException ex) {
        String detail = ex.getConstraintViolations().stream()
                .map(violation -> violation.getPropertyPath() + ": " + violation.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, detail);
    }

    @ExceptionHandler({CannotCreateTransactionException.class,
            DataAccessResourceFailureException.class, TransientDataAccessException.class})
    ProblemDetail storeUnavailable(RuntimeException ex) {
        return ErrorProblems.storeUnavailable(ex, log);
    }

    /** A query's failure arrives wrapped by the query gateway's future: answer for what it wraps. */
    @ExceptionHandler(CompletionException.class)
    Object unwrap(CompletionException ex, HttpServletRequest request) throws Exception {
        if (ex.getCause() instanceof Exception cause && !(cause instanceof CompletionException)) {
            throw cause;
        }
        return unexpected(ex, request);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception ex, HttpServletRequest request) {
        for (DomainProblems table : domainProblems) {
            Optional<ProblemDetail> answer = table.answer(ex);
            if (answer.isPresent()) {
                return answer.get();
            }
        }
        String reference = UUID.randomUUID().toString();
        log.error("Unhandled error {} on {} {}", reference, request.getMethod(), request.getRequestURI(), ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred; reference " + reference);
        problem.setProperty("reference", reference);
        return problem;
    }

    private static Map<String, String> fieldError(FieldError error) {
        return Map.of("field", error.getField(),
                "message", error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage());
    }

    /** The outermost Jackson failure (it knows the field), else the root cause. */
    private static Throwable jacksonCause(HttpMessageNotReadableException ex) {
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException) {
                return cause;
            }
        }
        return ex.getMostSpecificCause();
    }

    private static String path(JacksonException ex) {
        return ex.getPath().stream()
                .map(reference -> reference.getPropertyName() != null
                        ? reference.getPropertyName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
