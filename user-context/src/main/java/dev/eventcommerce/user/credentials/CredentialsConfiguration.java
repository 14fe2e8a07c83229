package dev.eventcommerce.user.credentials;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class CredentialsConfiguration {

    @Bean
    PasswordEncoder passwordEncoder(@Value("${eventcommerce.users.bcrypt-cost:12}") int cost) {
        if (cost < 10) {
            throw new IllegalStateException("bcrypt cost must be at least 10, was " + cost);
        }
        return new BCryptPasswordEncoder(cost);
    }

    /**
     * bcrypt is slow on purpose, so a flood of logins would take every core and every request thread: at
     * most about one hash per core at once (0: the number of cores), a caller waits a moment for a slot,
     * then is told to come back (503).
     */
    @Bean
    Bulkhead bcryptBulkhead(@Value("${eventcommerce.users.bcrypt-concurrency:0}") int concurrency,
                            @Value("${eventcommerce.users.bcrypt-max-wait:2s}") Duration maxWait) {
        int slots = concurrency > 0 ? concurrency : Runtime.getRuntime().availableProcessors();
        return Bulkhead.of("bcrypt", BulkheadConfig.custom().maxConcurrentCalls(slots).maxWaitDuration(maxWait).build());
    }

    @Bean
    Credentials credentials(JdbcClient jdbcClient, PasswordEncoder passwordEncoder, Bulkhead bcryptBulkhead,
                            Clock clock) {
        return new JdbcCredentials(jdbcClient, passwordEncoder, bcryptBulkhead, clock);
    }
}
