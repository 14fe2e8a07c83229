package dev.eventcommerce.platform.axon;

import dev.eventcommerce.platform.web.ErrorProblems;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Axon's failures as problem+json, next to {@code platform/web}'s {@code ProblemDetailsAdvice} and ahead of its
 * catch-all (a failure wrapped by a gateway's future is matched by its cause as well).
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 1)
public class AxonProblems {

    private static final Logger log = LoggerFactory.getLogger(AxonProblems.class);

    /**
     * The write is stored but not yet readable (the read-your-writes bound was reached): 202, with where to read
     * it, never a read that would miss it.
     */
    @ExceptionHandler(ProjectionLagException.class)
    ResponseEntity<ProblemDetail> notYetVisible(ProjectionLagException ex) {
        ProblemDetail accepted = ProblemDetail.forStatusAndDetail(HttpStatus.ACCEPTED, ex.getMessage());
        accepted.setTitle("Accepted");
        accepted.setProperty("id", ex.aggregateIdentifier());
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(HttpStatus.ACCEPTED)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, "1");
        ex.location().ifPresent(location -> answer.header(HttpHeaders.LOCATION, location));
        return answer.body(accepted);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail aggregateNotFound(AggregateNotFoundException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "Resource not found");
    }

    /** Only an explicit expected version ({@code If-Match}) can conflict this way. */
    @ExceptionHandler(ConflictingAggregateVersionException.class)
    ProblemDetail staleVersion(ConflictingAggregateVersionException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_FAILED,
                "The resource has changed since the version given in If-Match; read it again");
    }

    @ExceptionHandler(ConcurrencyException.class)
    ProblemDetail concurrentChange(ConcurrencyException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "The resource was changed concurrently; read it again and retry");
    }

    @ExceptionHandler(EventStoreException.class)
    ProblemDetail storeUnavailable(EventStoreException ex) {
        return ErrorProblems.storeUnavailable(ex, log);
    }
}
