package dev.eventcommerce.platform.axon;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a write waits for its projection before answering anyway.
 *
 * @param timeout upper bound of the wait; the write itself is already committed when it starts
 */
@ConfigurationProperties("eventcommerce.read-your-writes")
public record ReadYourWritesProperties(@DefaultValue("5s") Duration timeout) {
}
