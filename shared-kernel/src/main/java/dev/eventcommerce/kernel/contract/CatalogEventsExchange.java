package dev.eventcommerce.kernel.contract;

import java.util.List;

/**
 * The routing keys of what catalog publishes from its event store to its durable topic exchange: its answers
 * to stock requests ({@link StockReplyMessage}), which ordering consumes from its reply queue, and its product
 * changes ({@link ProductMessage}), which ordering keeps in its product replica (a queue catalog declares too,
 * so that its product messages are routed before ordering first started). Both declare the exchange, with
 * identical attributes. The exchange and queue names are configuration, defined once in platform/messaging's
 * defaults ({@code eventcommerce.messaging.*} in {@code eventcommerce/defaults/messaging.yml}).
 */
public final class CatalogEventsExchange {

    /** The quantity was reserved for the order. */
    public static final String STOCK_RESERVED = "stock.reserved";
    /** The quantity could not be reserved (insufficient stock, product deleted, order already cancelled). */
    public static final String STOCK_REJECTED = "stock.rejected";
    /** A reservation was given back (the order was cancelled). */
    public static final String STOCK_RELEASED = "stock.released";
    /** A product entered the catalogue. */
    public static final String PRODUCT_CREATED = "product.created";
    /** A product's name, price (or other details) changed. */
    public static final String PRODUCT_UPDATED = "product.updated";
    /** A product left the catalogue. */
    public static final String PRODUCT_DELETED = "product.deleted";
    /** Every routing key of a {@link ProductMessage}; ordering's product-replica queue is bound with them. */
    public static final List<String> PRODUCT_CHANGES = List.of(PRODUCT_CREATED, PRODUCT_UPDATED, PRODUCT_DELETED);

    private CatalogEventsExchange() {
    }
}
