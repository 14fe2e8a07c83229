package dev.eventcommerce.ordering.web;

import dev.eventcommerce.kernel.contract.CatalogProduct;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Ordering's view of the catalog: {@code GET /products/{id}} over HTTP with short timeouts, a few
 * retries of transient failures and a circuit breaker, so a slow or absent catalog costs an order at most
 * a couple of seconds and, once the breaker is open, nothing. A product the catalog does not have is not
 * retried.
 */
class CatalogClient {

    private final RestClient http;
    private final Retry retry;
    private final CircuitBreaker breaker;

    CatalogClient(RestClient http, Retry retry, CircuitBreaker breaker) {
        this.http = http;
        this.retry = retry;
        this.breaker = breaker;
    }

    /**
     * @throws ProductUnavailableException when the catalog has no such product
     * @throws CatalogUnavailableException when the catalog cannot be reached or keeps failing
     */
    CatalogProduct product(long productId) {
        Supplier<CatalogProduct> call = () -> http.get().uri("/products/{id}", productId)
                .retrieve()
                .body(CatalogProduct.class);
        try {
            return breaker.executeSupplier(Retry.decorateSupplier(retry, call));
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
                throw new ProductUnavailableException(productId);
            }
            throw new CatalogUnavailableException("catalog refused the product lookup: " + e.getStatusCode());
        } catch (CallNotPermittedException e) {
            throw new CatalogUnavailableException("catalog is failing; not asked again for a few seconds");
        } catch (RestClientException e) {
            throw new CatalogUnavailableException("catalog cannot be reached: " + e.getMostSpecificCause().getMessage());
        }
    }

    /** The product does not exist in the catalog (or was deleted). */
    static class ProductUnavailableException extends RuntimeException {

        ProductUnavailableException(long productId) {
            super("Product " + productId + " does not exist");
        }
    }

    /** The catalog could not answer. */
    static class CatalogUnavailableException extends RuntimeException {

        CatalogUnavailableException(String message) {
            super(message);
        }
    }
}
