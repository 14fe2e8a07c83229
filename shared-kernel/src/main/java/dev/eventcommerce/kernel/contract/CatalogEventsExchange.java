package dev.eventcommerce.kernel.contract;

import java.util.List;

/**
 * The RabbitMQ topology of what catalog publishes from its event store to a durable topic exchange: its
 * answers to stock requests ({@link StockReplyMessage}), which ordering consumes from its reply queue, and
 * its product changes ({@link ProductMessage}), which ordering keeps in its product replica. Both declare
 * the exchange, with identical attributes.
 */
public final class CatalogEventsExchange {

    /** Durable topic exchange that carries catalog's stock events. */
    public static final String EXCHANGE = "catalog_events";
    /** The quantity was reserved for the order. */
    public static final String STOCK_RESERVED = "stock.reserved";
    /** The quantity could not be reserved (insufficient stock, product deleted, order already cancelled). */
    public static final String STOCK_REJECTED = "stock.rejected";
    /** A reservation was given back (the order was cancelled). */
    public static final String STOCK_RELEASED = "stock.released";
    /** Ordering's durable queue, bound with {@link #STOCK_RESERVED} and {@link #STOCK_REJECTED}. */
    public static final String ORDERING_REPLY_QUEUE = "ordering_stock_replies";
    public static final String ORDERING_REPLY_DEAD_LETTER_QUEUE = "ordering_stock_replies.dlq";
    /** A product entered the catalogue. */
    public static final String PRODUCT_CREATED = "product.created";
    /** A product's name, price (or other details) changed. */
    public static final String PRODUCT_UPDATED = "product.updated";
    /** A product left the catalogue. */
    public static final String PRODUCT_DELETED = "product.deleted";
    /** Every routing key of a {@link ProductMessage}. */
    public static final List<String> PRODUCT_CHANGES = List.of(PRODUCT_CREATED, PRODUCT_UPDATED, PRODUCT_DELETED);
    /**
     * Ordering's durable queue of product changes (its replica), bound with {@link #PRODUCT_CHANGES}; catalog
     * declares it too, so that its product messages are routed before ordering first started.
     */
    public static final String ORDERING_PRODUCT_QUEUE = "ordering_product_replica";
    public static final String ORDERING_PRODUCT_DEAD_LETTER_QUEUE = "ordering_product_replica.dlq";

    private CatalogEventsExchange() {
    }
}
