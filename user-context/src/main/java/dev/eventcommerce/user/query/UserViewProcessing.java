package dev.eventcommerce.user.query;

import dev.eventcommerce.platform.axon.TrackingProcessors;
import dev.eventcommerce.user.api.UserView;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The user-view processor: two segments (shared by the instances), batches of up to 100 events. */
@Configuration(proxyBeanMethods = false)
class UserViewProcessing {

    @Bean
    ConfigurerModule userViewProcessor() {
        return TrackingProcessors.projection(UserView.PROJECTION, 2, 100);
    }
}
