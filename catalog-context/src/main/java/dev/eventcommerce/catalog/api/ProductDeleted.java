package dev.eventcommerce.catalog.api;

/** The product left the catalogue (a tombstone: its history stays in the event store). */
public record ProductDeleted(long productId) implements ProductEvent {
}
