package dev.eventcommerce.kernel.contract;

/**
 * The routing keys between ordering (publisher) and notification and catalog (consumers), on the order-events
 * exchange; {@link #ORDER_CREATED} and the exchange's default name ({@code order_events}) are the seed's. The
 * exchange and queue names are configuration, defined once in platform/messaging's defaults
 * ({@code eventcommerce.messaging.*} in {@code eventcommerce/defaults/messaging.yml}), so that tests and a
 * deployment can use their own. Every service declares the exchange (a durable topic exchange: the attributes
 * must stay identical, or RabbitMQ refuses the second declaration); notification declares its queue, the
 * binding and its dead letters (a durable direct exchange and queue), catalog its stock-request queue.
 */
public final class OrderEventsExchange {

    /** Routing key of {@link OrderCreatedMessage}. */
    public static final String ORDER_CREATED = "order.created";
    /** Routing key of {@link OrderCancelledMessage}: a request to give back an order's stock. */
    public static final String ORDER_CANCELLED = "order.cancelled";

    private OrderEventsExchange() {
    }
}
