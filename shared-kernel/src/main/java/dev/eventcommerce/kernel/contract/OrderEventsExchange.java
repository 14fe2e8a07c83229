package dev.eventcommerce.kernel.contract;

/**
 * The RabbitMQ topology between ordering (publisher) and notification (consumer), as the seed named it.
 * Both declare the exchange (a durable topic exchange: the attributes must stay identical, or RabbitMQ
 * refuses the second declaration); notification declares its queue, the binding and its dead letters
 * (a durable direct exchange and queue).
 */
public final class OrderEventsExchange {

    /** Durable topic exchange that carries order events. */
    public static final String EXCHANGE = "order_events";
    /** Routing key of {@link OrderCreatedMessage}. */
    public static final String ORDER_CREATED = "order.created";
    /** Durable queue of the notification consumer, bound to {@link #EXCHANGE} with {@link #ORDER_CREATED}. */
    public static final String NOTIFICATION_QUEUE = "order_notifications";
    /** Where the notification queue sends messages that cannot be processed. */
    public static final String DEAD_LETTER_EXCHANGE = "order_events.dlx";
    public static final String NOTIFICATION_DEAD_LETTER_QUEUE = "order_notifications.dlq";

    private OrderEventsExchange() {
    }
}
