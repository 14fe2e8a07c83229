package dev.eventcommerce.platform.axon;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Where Axon meets the web layer of {@code platform/web}: the authenticated caller on every command and
 * event (actor metadata, message origin), and Axon's failures answered as problem+json ({@link AxonProblems}).
 */
@AutoConfiguration
public class AxonWebAutoConfiguration {

    /** The caller's identity on every command, and from there on every event (see {@link ActorMetadata}). */
    @Bean
    public ConfigurerModule actorMetadataModule() {
        return configurer -> configurer.onInitialize(configuration -> configuration.onStart(
                () -> configuration.commandBus().registerDispatchInterceptor(new ActorMetadata())));
    }

    @Bean
    public CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider(ActorMetadata.USER_ID, ActorMetadata.USERNAME);
    }

    @Bean
    public CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    @Bean
    public AxonProblems axonProblems() {
        return new AxonProblems();
    }
}
