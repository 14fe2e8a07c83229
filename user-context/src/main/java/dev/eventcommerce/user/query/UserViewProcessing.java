package dev.eventcommerce.user.query;

import dev.eventcommerce.platform.axon.Projection;
import dev.eventcommerce.user.api.UserView;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The user-view projection (see {@link Projection}): two segments, batches of up to 1000 events. */
@Configuration(proxyBeanMethods = false)
class UserViewProcessing {

    @Bean
    ConfigurerModule userView() {
        return Projection.of(UserView.PROJECTION, 2, 1000, UserProjection.class);
    }
}
