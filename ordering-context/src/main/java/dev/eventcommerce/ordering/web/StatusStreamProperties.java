package dev.eventcommerce.ordering.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The live order status streams ({@code GET /orders/{id}/events}, {@code GET /orders/events}).
 *
 * @param perUser       open streams one user may hold on one instance; one more closes the user's oldest
 * @param perInstance   open streams on one instance, all users together; one more is a 429
 * @param heartbeat     how often an idle stream gets a comment, so that proxies keep it open
 * @param checkInterval how often each stream's token is checked against revocations and deactivations
 * @param maxQueued     frames waiting for a slow client; past it the stream is closed ("too_slow")
 * @param retry         the reconnection delay told to clients (the SSE {@code retry} field)
 */
@ConfigurationProperties("eventcommerce.ordering.status-streams")
record StatusStreamProperties(
        @DefaultValue("5") int perUser,
        @DefaultValue("1000") int perInstance,
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("2s") Duration checkInterval,
        @DefaultValue("1000") int maxQueued,
        @DefaultValue("2s") Duration retry) {
}
