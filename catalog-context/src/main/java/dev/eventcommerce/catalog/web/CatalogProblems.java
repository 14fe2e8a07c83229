package dev.eventcommerce.catalog.web;

import dev.eventcommerce.catalog.api.InvalidProductException;
import dev.eventcommerce.catalog.api.ProductChangeNotAllowedException;
import dev.eventcommerce.catalog.api.ProductNotFoundException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The catalog's domain failures as problem+json; runs before platform/web's generic advice. */
@RestControllerAdvice
@Order(0)
class CatalogProblems {

    @ExceptionHandler(ProductNotFoundException.class)
    ProblemDetail notFound(ProductNotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(ProductChangeNotAllowedException.class)
    ProblemDetail notAllowed(ProductChangeNotAllowedException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler(InvalidProductException.class)
    ProblemDetail invalid(InvalidProductException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
    }
}
