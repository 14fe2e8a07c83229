package dev.eventcommerce.ordering.web;

import dev.eventcommerce.kernel.contract.CatalogProduct;
import dev.eventcommerce.ordering.api.CatalogProductView;
import dev.eventcommerce.ordering.query.ProductReplica;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Ordering's view of the catalog, for pricing an order: the {@link ProductReplica}, ordering's own copy of
 * catalog's products kept current by catalog's product messages, so that an order costs no call to catalog
 * and is taken while catalog is down. A product the replica has never heard of (created before catalog
 * published its changes, or whose message has not arrived yet) is asked of catalog once, {@code GET
 * /products/{id}} over HTTP with short timeouts, a few retries of transient failures and a circuit breaker
 * (so a slow or absent catalog costs an order at most a couple of seconds and, once the breaker is open,
 * nothing), and stored in the replica. A product the catalog does not have is not retried.
 */
class CatalogClient {

    private final ProductReplica replica;
    private final RestClient http;
    private final Retry retry;
    private final CircuitBreaker breaker;

    CatalogClient(ProductReplica replica, RestClient http, Retry retry, CircuitBreaker breaker) {
        this.replica = replica;
        this.http = http;
        this.retry = retry;
        this.breaker = breaker;
    }

    /**
     * The product to price an order with. From the replica, only its id, name and price are known: the
     * description is null and the quantity 0 (stock is catalog's alone, and reserved after the order).
     *
     * @throws ProductUnavailableException when the catalog has no such product, or deleted it
     * @throws CatalogUnavailableException when the replica does not know the product and the catalog cannot be
     *                                     reached or keeps failing
     */
    CatalogProduct product(long productId) {
        CatalogProductView known = replica.find(productId).orElse(null);
        if (known == null) {
            CatalogProduct fetched = fetch(productId);
            replica.learn(new CatalogProductView(productId, fetched.name(), fetched.price(), false,
                    CatalogProductView.UNVERSIONED));
            return fetched;
        }
        if (known.deleted()) {
            throw new ProductUnavailableException(productId);
        }
        return new CatalogProduct(known.id(), known.name(), null, known.price(), 0);
    }

    /** Asks catalog over HTTP. */
    private CatalogProduct fetch(long productId) {
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
