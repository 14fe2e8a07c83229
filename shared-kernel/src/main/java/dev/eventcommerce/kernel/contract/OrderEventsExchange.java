package dev.eventcommerce.kernel.contract;

/**
 * The RabbitMQ topology between ordering (publisher) and notification and catalog (consumers); the
 * exchange and {@link #ORDER_CREATED} are the seed's names.
 * Both declare the exchange (a durable topic exchange: the attributes must stay identical, or RabbitMQ
 * refuses the second declaration); notification declares its queue, the binding and its dead letters
 * (a durable direct exchange and queue).
 */
public final class OrderEventsExchange {

    /** Durable topic exchange that carries order events. */
    public static final String EXCHANGE = "order_events";
    /** Routing key of {@link OrderCreatedMessage}. */
    public static final String ORDER_CREATED = "order.created";
    /** Routing key of {@link OrderCancelledMessage}: a request to give back an order's stock. */
    public static final String ORDER_CANCELLED = "order.cancelled";
    /** Catalog's durable queue, bound with {@link #ORDER_CREATED} (reserve) and {@link #ORDER_CANCELLED} (release). */
    public static final String CATALOG_STOCK_QUEUE = "catalog_stock_requests";
    public static final String CATALOG_STOCK_DEAD_LETTER_QUEUE = "catalog_stock_requests.dlq";
    /** Durable queue of the notification consumer, bound to {@link #EXCHANGE} with {@link #ORDER_CREATED}. */
    public static final String NOTIFICATION_QUEUE = "order_notifications";
    /** Where the notification queue sends messages that cannot be processed. */
    public static final String DEAD_LETTER_EXCHANGE = "order_events.dlx";
    public static final String NOTIFICATION_DEAD_LETTER_QUEUE = "order_notifications.dlq";

    private OrderEventsExchange() {
    }
}
