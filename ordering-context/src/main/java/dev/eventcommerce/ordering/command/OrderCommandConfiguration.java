package dev.eventcommerce.ordering.command;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class OrderCommandConfiguration {

    @Bean
    OrderIds orderIds(JdbcClient jdbcClient) {
        return () -> jdbcClient.sql("SELECT nextval('order_id_seq')").query(Long.class).single();
    }
}
