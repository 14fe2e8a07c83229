package dev.eventcommerce.user.credentials;

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

    @Bean
    Credentials credentials(JdbcClient jdbcClient, PasswordEncoder passwordEncoder) {
        return new JdbcCredentials(jdbcClient, passwordEncoder);
    }
}
