package dev.eventcommerce.catalog.query;

import dev.eventcommerce.catalog.api.ProductView;
import dev.eventcommerce.platform.axon.Projection;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The product-view projection (see {@link Projection}): two segments, batches of up to 1000 events. Its handlers
 * write directly rather than through BatchedStatements: each writes the cache from the row it has just changed.
 */
@Configuration(proxyBeanMethods = false)
class ProductViewProcessing {

    @Bean
    ConfigurerModule productView() {
        return Projection.of(ProductView.PROJECTION, 2, 1000, ProductProjection.class);
    }
}
