package dev.eventcommerce.ordering.command;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The order limits as a bean, which Axon passes to the Order's command handlers by type. */
@Configuration(proxyBeanMethods = false)
class OrderLimitsConfiguration {

    @Bean
    OrderLimits orderLimits(@Value("${eventcommerce.ordering.max-quantity-per-order:100}") int maxQuantityPerOrder) {
        return new OrderLimits(maxQuantityPerOrder);
    }
}
