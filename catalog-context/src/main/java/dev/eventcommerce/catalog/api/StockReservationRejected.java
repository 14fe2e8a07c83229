package dev.eventcommerce.catalog.api;

/** The order could not have its units ({@link #INSUFFICIENT_STOCK}, {@link #PRODUCT_DELETED}); the stock is unchanged. */
public record StockReservationRejected(long productId, long orderId, int quantity, String reason)
        implements ProductEvent {

    public static final String INSUFFICIENT_STOCK = "insufficient stock";
    public static final String PRODUCT_DELETED = "product deleted";
}
