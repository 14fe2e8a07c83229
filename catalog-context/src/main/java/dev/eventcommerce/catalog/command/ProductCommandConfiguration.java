package dev.eventcommerce.catalog.command;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class ProductCommandConfiguration {

    @Bean
    ProductIds productIds(JdbcClient jdbcClient) {
        return () -> jdbcClient.sql("SELECT nextval('product_id_seq')").query(Long.class).single();
    }
}
