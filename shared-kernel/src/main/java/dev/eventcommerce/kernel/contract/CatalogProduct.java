package dev.eventcommerce.kernel.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;

/**
 * A product as catalog's {@code GET /products/{id}} answers it, as far as other contexts rely on it
 * (ordering prices an order with it). Unknown fields are ignored, so catalog can add fields freely.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogProduct(long id, String name, String description, BigDecimal price, int quantity) {
}
