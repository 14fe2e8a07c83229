package dev.eventcommerce.catalog.query;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.TimeoutOptions;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class ProductCacheConfiguration {

    /** While Redis is disconnected, commands fail at once instead of queueing until their timeout. */
    @Bean
    LettuceClientConfigurationBuilderCustomizer failFastWhileDisconnected() {
        return builder -> builder.clientOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled())
                .build());
    }

    /** Opens after a few failed or slow Redis calls; probes again after a second. */
    @Bean
    CircuitBreaker productCacheBreaker(@Value("${eventcommerce.catalog.cache-timeout:300ms}") Duration slow) {
        return CircuitBreaker.of("product-cache", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(3)
                .failureRateThreshold(50)
                .slowCallDurationThreshold(slow)
                .slowCallRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(1))
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .build());
    }

    @Bean
    ProductCache productCache(StringRedisTemplate redis, ProductNearCache productNearCache,
                              CircuitBreaker productCacheBreaker, MeterRegistry meters, JsonMapper webJson,
                              @Value("${eventcommerce.catalog.cache-ttl:300s}") Duration ttl,
                              @Value("${eventcommerce.catalog.cache-key-prefix:}") String prefix) {
        ProductCache cache = new ProductCache(redis, productNearCache, prefix, webJson, ttl, productCacheBreaker, meters);
        // before the web server serves a cached read
        cache.dropEntriesOfAnOlderFormat();
        return cache;
    }

    /**
     * Its messages go through the breaker too: while Redis is away, pings and drops fail at once. Pub/sub
     * channels are server-wide, not per database: the channel is named for the database, so that stacks on
     * one Redis (make run on 0, the bench on 1) do not drop each other's copies or wait for each other.
     */
    @Bean(destroyMethod = "stop")
    ProductNearCache productNearCache(StringRedisTemplate redis, CircuitBreaker productCacheBreaker,
                                      @Value("${eventcommerce.catalog.near-cache.max-entries:10000}") int maxEntries,
                                      @Value("${eventcommerce.catalog.near-cache.lease:500ms}") Duration lease,
                                      @Value("${eventcommerce.catalog.cache-key-prefix:}") String prefix,
                                      @Value("${spring.data.redis.database:0}") int database) {
        String channel = prefix + "product-changes:" + database;
        return new ProductNearCache(maxEntries, lease, channel,
                message -> productCacheBreaker.executeRunnable(() -> redis.convertAndSend(channel, message)));
    }

    /** One listener thread: the near cache relies on handling the channel's messages in their order. */
    @Bean
    RedisMessageListenerContainer productChangesListener(RedisConnectionFactory connections,
                                                         ProductNearCache productNearCache) {
        ThreadPoolTaskExecutor listener = new ThreadPoolTaskExecutor();
        listener.setCorePoolSize(1);
        listener.setMaxPoolSize(1);
        listener.setThreadNamePrefix("product-changes-");
        listener.setDaemon(true);
        listener.initialize();
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        container.setTaskExecutor(listener);
        container.addMessageListener(productNearCache, ChannelTopic.of(productNearCache.channel()));
        return container;
    }
}
