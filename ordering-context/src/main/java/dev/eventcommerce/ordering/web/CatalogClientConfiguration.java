package dev.eventcommerce.ordering.web;

import dev.eventcommerce.ordering.query.ProductReplica;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.observation.ObservationRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class CatalogClientConfiguration {

    @Bean
    CatalogClient catalogClient(ProductReplica replica, ObservationRegistry observations,
                                @Value("${eventcommerce.ordering.catalog-url}") String catalogUrl,
                                @Value("${eventcommerce.ordering.catalog-connect-timeout:500ms}") Duration connectTimeout,
                                @Value("${eventcommerce.ordering.catalog-read-timeout:2s}") Duration readTimeout) {
        JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(connectTimeout).build());
        requestFactory.setReadTimeout(readTimeout);
        // the catalog's JSON as a client reads it: snake_case, unknown fields ignored
        JsonMapper catalogJson = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
        RestClient http = RestClient.builder()
                // each call is observed: a client span in the order's trace, its traceparent sent along
                .observationRegistry(observations)
                .baseUrl(catalogUrl)
                .requestFactory(requestFactory)
                .configureMessageConverters(converters -> converters.addCustomConverter(
                        new JacksonJsonHttpMessageConverter(catalogJson)))
                .build();
        Retry retry = Retry.of("catalog", RetryConfig.custom()
                .maxAttempts(3)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(Duration.ofMillis(100), 2))
                .ignoreExceptions(HttpClientErrorException.class)
                .build());
        CircuitBreaker breaker = CircuitBreaker.of("catalog", CircuitBreakerConfig.custom()
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(5))
                .ignoreExceptions(HttpClientErrorException.class)
                .build());
        return new CatalogClient(replica, http, retry, breaker);
    }
}
