package dev.eventcommerce.console.deadletters;

import dev.eventcommerce.console.ConsoleProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * {@code console.dead.letters{queue}}: the messages of each dead-letter queue still dead in console_db (neither
 * retried nor discarded), for a dashboard or an alert. Read at each scrape (one small indexed query); -1 while the
 * database cannot be read.
 */
@Component
public class DeadLetterMeters implements MeterBinder {

    private final ConsoleProperties properties;
    private final DeadLetters letters;

    public DeadLetterMeters(ConsoleProperties properties, DeadLetters letters) {
        this.properties = properties;
        this.letters = letters;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String queue : properties.deadLetterQueues()) {
            Gauge.builder("console.dead.letters", () -> dead(queue))
                    .description("Dead letters still dead (neither retried nor discarded)")
                    .tag("queue", queue)
                    .register(registry);
        }
    }

    private double dead(String queue) {
        try {
            return letters.deadCounts().getOrDefault(queue, 0L);
        } catch (RuntimeException databaseDown) {
            return -1;
        }
    }
}
