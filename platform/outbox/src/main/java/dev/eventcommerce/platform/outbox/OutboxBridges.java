package dev.eventcommerce.platform.outbox;

import dev.eventcommerce.platform.axon.TrackingProcessors;
import org.axonframework.config.ConfigurerModule;

/** Settings every bridge from an event store to RabbitMQ (a {@code @DisallowReplay} processor) needs. */
public final class OutboxBridges {

    /** Messages read from the event store per batch, published together and confirmed together. */
    static final int BATCH_SIZE = 100;

    private OutboxBridges() {
    }

    /** The bridge's processor: see {@link TrackingProcessors#bridge}. */
    public static ConfigurerModule processor(String processor) {
        return TrackingProcessors.bridge(processor, BATCH_SIZE);
    }
}
