package dev.eventcommerce.catalog.api;

/** Everything that can happen to a product; the payloads stored in catalog_db's event table. */
public sealed interface ProductEvent permits ProductCreated, ProductUpdated, ProductDeleted, StockReserved,
        StockReservationRejected, StockReleased, StockReservationVoided {

    long productId();
}
