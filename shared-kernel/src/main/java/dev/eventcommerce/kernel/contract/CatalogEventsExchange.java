package dev.eventcommerce.kernel.contract;

/**
 * The RabbitMQ topology of catalog's answers to stock requests: catalog publishes {@link StockReplyMessage}s
 * from its event store to a durable topic exchange; ordering consumes the reserved and rejected ones from
 * its durable queue. Both declare the exchange, with identical attributes.
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

    private CatalogEventsExchange() {
    }
}
