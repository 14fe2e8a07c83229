package dev.eventcommerce.console;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The console's settings.
 *
 * @param services         service name → its instances' base URLs, comma-separated (a host name stands for every
 *                         address it resolves to)
 * @param connectTimeout   to connect to a service's instance
 * @param readTimeout      for its answer
 * @param replayTimeout    for the answer to a replay request (the processor is stopped and reset first)
 * @param jaegerUiUrl      where an entry's trace id links to ({@code <url>/trace/<id>})
 * @param deadLetterQueues the dead-letter queues drained into console_db
 * @param confirmTimeout   how long a retried dead letter's publisher confirm is awaited
 */
@ConfigurationProperties("eventcommerce.console")
public record ConsoleProperties(
        Map<String, String> services,
        @DefaultValue("1s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout,
        @DefaultValue("90s") Duration replayTimeout,
        @DefaultValue("http://127.0.0.1:16686") URI jaegerUiUrl,
        List<String> deadLetterQueues,
        @DefaultValue("5s") Duration confirmTimeout) {

    public ConsoleProperties {
        services = services == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(services));
        deadLetterQueues = deadLetterQueues == null ? List.of()
                : deadLetterQueues.stream().map(String::trim).filter(name -> !name.isEmpty()).distinct().toList();
    }
}
