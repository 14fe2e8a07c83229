package dev.eventcommerce.ordering.query;

import dev.eventcommerce.ordering.api.OrderView;
import dev.eventcommerce.platform.axon.Projection;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;

/**
 * The order-view projection (see {@link Projection}): two segments, batches of up to 1000 events, each one
 * transaction and one set-based write per statement ({@link OrderProjection} writes through BatchedStatements).
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class OrderViewProcessing {

    @Bean
    ConfigurerModule orderView() {
        return Projection.of(OrderView.PROJECTION, 2, 1000, OrderProjection.class);
    }
}
