package dev.eventcommerce.ordering.web;

import dev.eventcommerce.ordering.api.IllegalTransitionException;
import dev.eventcommerce.ordering.api.InvalidOrderException;
import dev.eventcommerce.ordering.api.OrderKeptByTheShopException;
import dev.eventcommerce.ordering.api.OrderNotFoundException;
import dev.eventcommerce.ordering.api.OrderStatus;
import dev.eventcommerce.ordering.api.StatusChangeNotAllowedException;
import dev.eventcommerce.ordering.api.StatusSetByTheReservationException;
import dev.eventcommerce.platform.web.DomainProblems;
import java.net.URI;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The ordering context's failures as problem+json: those answered with a status and their message in a table
 * ({@link DomainProblems}, answered by platform/web), the rest with handlers of their own, ahead of platform/web's
 * generic advice.
 */
@RestControllerAdvice
@Order(0)
class OrderProblems {

    @Bean
    static DomainProblems orderingDomainProblems() {
        return DomainProblems.of(Map.of(
                OrderNotFoundException.class, HttpStatus.NOT_FOUND,
                IllegalTransitionException.class, HttpStatus.CONFLICT,
                OrderKeptByTheShopException.class, HttpStatus.CONFLICT,
                StatusChangeNotAllowedException.class, HttpStatus.FORBIDDEN,
                StatusSetByTheReservationException.class, HttpStatus.CONFLICT,
                InvalidOrderException.class, HttpStatus.UNPROCESSABLE_CONTENT,
                CatalogClient.ProductUnavailableException.class, HttpStatus.UNPROCESSABLE_CONTENT));
    }

    @ExceptionHandler(CatalogClient.CatalogUnavailableException.class)
    ProblemDetail catalogUnavailable(CatalogClient.CatalogUnavailableException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The catalog is unavailable, so the order cannot be priced; try again shortly");
    }

    /** Names the order, which exists (rejected, in the history): its id, reason and where to read it. */
    @ExceptionHandler(OrderRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(OrderRejectedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Order rejected");
        problem.setProperty("order_id", e.orderId());
        problem.setProperty("status", OrderStatus.REJECTED.value());
        problem.setProperty("status_reason", e.reason());
        return ResponseEntity.status(HttpStatus.CONFLICT).location(URI.create("/orders/" + e.orderId())).body(problem);
    }

    @ExceptionHandler(IfMatch.InvalidIfMatchException.class)
    ProblemDetail invalidIfMatch(IfMatch.InvalidIfMatchException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }
}
