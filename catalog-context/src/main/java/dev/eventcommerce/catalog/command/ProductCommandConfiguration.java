package dev.eventcommerce.catalog.command;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class ProductCommandConfiguration {

    /** A snapshot after every {@code eventcommerce.snapshots.threshold} events of a product. */
    @Bean
    SnapshotTriggerDefinition productSnapshotTrigger(Snapshotter snapshotter,
                                                     @Value("${eventcommerce.snapshots.threshold}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    @Bean
    ProductIds productIds(JdbcClient jdbcClient) {
        return () -> jdbcClient.sql("SELECT nextval('product_id_seq')").query(Long.class).single();
    }
}
