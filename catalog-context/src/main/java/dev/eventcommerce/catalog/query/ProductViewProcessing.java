package dev.eventcommerce.catalog.query;

import dev.eventcommerce.catalog.api.ProductView;
import dev.eventcommerce.platform.axon.TrackingProcessors;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The product-view processor: two segments (shared by the instances), batches of up to 100 events. */
@Configuration(proxyBeanMethods = false)
class ProductViewProcessing {

    @Bean
    ConfigurerModule productViewProcessor() {
        return TrackingProcessors.projection(ProductView.PROJECTION, 2, 100);
    }
}
