package dev.eventcommerce.ordering.command;

import java.time.Clock;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The stock reservation's timeout and the periodic sweep that applies it ({@link ReservationTimeouts}). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class StockReservationConfiguration {

    @Bean
    StockReservationTimeout stockReservationTimeout(
            @Value("${eventcommerce.ordering.reservation-timeout:30s}") Duration timeout) {
        return new StockReservationTimeout(timeout);
    }

    @Bean
    ReservationTimeouts reservationTimeouts(CommandGateway commands, QueryGateway queries,
                                            StockReservationTimeout timeout) {
        return new ReservationTimeouts(commands, queries, timeout, Clock.systemUTC());
    }
}
