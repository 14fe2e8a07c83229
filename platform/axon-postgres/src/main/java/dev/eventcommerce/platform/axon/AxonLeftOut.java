package dev.eventcommerce.platform.axon;

import dev.eventcommerce.platform.config.LeftOutAutoConfigurations;
import java.util.Set;

/**
 * Axon's JPA engine stores payloads as OID large objects and allocates the global index in blocks: the JDBC engine
 * (schema from Flyway, {@link PostgresEventStorageEngine}) is used instead. Everything is serialized with Jackson:
 * no XStream instance.
 */
public final class AxonLeftOut extends LeftOutAutoConfigurations {

    public AxonLeftOut() {
        super(Set.of("org.axonframework.springboot.autoconfig.JpaAutoConfiguration",
                "org.axonframework.springboot.autoconfig.JpaEventStoreAutoConfiguration",
                "org.axonframework.springboot.autoconfig.XStreamAutoConfiguration"));
    }
}
