package dev.eventcommerce.notification.messaging;

import dev.eventcommerce.platform.messaging.RetryingListenerContainerFactory;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long one delivery of an order-created message is retried before it is given back.
 *
 * @param maxAttempts    attempts for a failure that is not the database being unavailable (a failing
 *                       channel, a row the table refuses); then the message is dead-lettered
 * @param initialBackoff pause after the first failure; doubled after each further one
 * @param maxBackoff     longest pause between two attempts
 * @param databaseWait   how long to keep retrying while PostgreSQL is unreachable; then the message
 *                       goes back to the queue (never to the dead letters) and is delivered again
 */
@ConfigurationProperties("eventcommerce.notifications.retry")
record OrderCreatedRetry(
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("200ms") Duration initialBackoff,
        @DefaultValue("5s") Duration maxBackoff,
        @DefaultValue("30s") Duration databaseWait) {

    RetryingListenerContainerFactory.Settings settings() {
        return new RetryingListenerContainerFactory.Settings(maxAttempts, initialBackoff, maxBackoff, databaseWait);
    }
}
