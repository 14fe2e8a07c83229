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
import org.springframework.data.redis.core.StringRedisTemplate;
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
    ProductCache productCache(StringRedisTemplate redis, CircuitBreaker productCacheBreaker,
                              MeterRegistry meters, JsonMapper webJson,
                              @Value("${eventcommerce.catalog.cache-ttl:300s}") Duration ttl,
                              @Value("${eventcommerce.catalog.cache-key-prefix:}") String prefix) {
        return new ProductCache(redis, prefix, webJson, ttl, productCacheBreaker, meters);
    }
}
