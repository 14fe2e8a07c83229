package dev.eventcommerce.ordering.api;

import java.math.BigDecimal;

/**
 * A product of the catalog as ordering's replica holds it: what pricing an order needs, and whether the
 * product left the catalogue. {@code version} is the product's sequence number in catalog's event store at
 * the change it reflects, or {@link #UNVERSIONED} when it was read from catalog over HTTP. A deleted product
 * may have no name or price.
 */
public record CatalogProductView(long id, String name, BigDecimal price, boolean deleted, long version) {

    /** The version of a product read from catalog's HTTP API, which tells none: every message's is higher. */
    public static final long UNVERSIONED = -1;
}
