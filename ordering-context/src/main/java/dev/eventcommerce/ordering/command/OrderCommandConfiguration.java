package dev.eventcommerce.ordering.command;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class OrderCommandConfiguration {

    /** A snapshot after every {@code eventcommerce.snapshots.threshold} events of an order. */
    @Bean
    SnapshotTriggerDefinition orderSnapshotTrigger(Snapshotter snapshotter,
                                                   @Value("${eventcommerce.snapshots.threshold}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    @Bean
    OrderIds orderIds(JdbcClient jdbcClient) {
        return () -> jdbcClient.sql("SELECT nextval('order_id_seq')").query(Long.class).single();
    }
}
