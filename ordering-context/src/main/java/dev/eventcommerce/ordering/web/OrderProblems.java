package dev.eventcommerce.ordering.web;

import dev.eventcommerce.ordering.api.IllegalTransitionException;
import dev.eventcommerce.ordering.api.InvalidOrderException;
import dev.eventcommerce.ordering.api.OrderKeptByTheShopException;
import dev.eventcommerce.ordering.api.OrderNotFoundException;
import dev.eventcommerce.ordering.api.OrderStatus;
import dev.eventcommerce.ordering.api.StatusChangeNotAllowedException;
import dev.eventcommerce.ordering.api.StatusSetByTheReservationException;
import java.net.URI;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The ordering context's failures as problem+json; runs before platform/web's generic advice. */
@RestControllerAdvice
@Order(0)
class OrderProblems {

    @ExceptionHandler(OrderNotFoundException.class)
    ProblemDetail notFound(OrderNotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(IllegalTransitionException.class)
    ProblemDetail illegalTransition(IllegalTransitionException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(OrderKeptByTheShopException.class)
    ProblemDetail keptByTheShop(OrderKeptByTheShopException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(StatusChangeNotAllowedException.class)
    ProblemDetail notAllowed(StatusChangeNotAllowedException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler(StatusSetByTheReservationException.class)
    ProblemDetail setByTheReservation(StatusSetByTheReservationException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler({InvalidOrderException.class, CatalogClient.ProductUnavailableException.class})
    ProblemDetail unprocessable(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
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
