package dev.eventcommerce.kernel.messaging;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.StreamableMessageSource;

/** Settings every bridge from an event store to RabbitMQ (a {@code @DisallowReplay} processor) needs. */
public final class OutboxBridges {

    private OutboxBridges() {
    }

    /**
     * The bridge's pooled processor starts from the first event, not from the head: it may never be
     * replayed, and a new processor's default start (a replay up to the current head) would make it skip
     * every event stored before its token existed. A failed publish stops it where it is (the kernel's
     * propagating error handler).
     */
    public static ConfigurerModule startAtTheTail(String processor) {
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                processor, (configuration, builder) -> builder.initialToken(StreamableMessageSource::createTailToken));
    }
}
