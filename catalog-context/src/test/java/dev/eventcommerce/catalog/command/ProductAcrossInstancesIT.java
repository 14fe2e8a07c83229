package dev.eventcommerce.catalog.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.catalog.CatalogApplication;
import dev.eventcommerce.catalog.api.CreateProduct;
import dev.eventcommerce.catalog.api.ReserveStock;
import dev.eventcommerce.catalog.web.CatalogServiceTestSupport;
import dev.eventcommerce.platform.testing.ServiceInstances;
import dev.eventcommerce.platform.testing.TestMessaging;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two catalog instances on one event store take stock requests for the same product in turn, each keeping the
 * product in its aggregate cache: each decides on the product as the other left it (a cached product that is
 * behind the store is loaded again), so no request fails on a stale copy and the stock adds up.
 */
class ProductAcrossInstancesIT {

    static final TestMessaging MESSAGING = TestMessaging.create();
    static final ServiceInstances INSTANCES = new ServiceInstances(CatalogApplication.class);
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoInstances() {
        CatalogServiceTestSupport.service(INSTANCES.properties(), MESSAGING, "catalog_two_instances", null);
        first = INSTANCES.start();
        second = INSTANCES.start();
    }

    @AfterAll
    static void stop() {
        INSTANCES.close();
        MESSAGING.delete();
    }

    @Test
    void eachInstanceDecidesOnTheProductAsTheOtherLeftIt() {
        CommandGateway a = first.getBean(CommandGateway.class);
        CommandGateway b = second.getBean(CommandGateway.class);
        long id = a.sendAndWait(new CreateProduct("Lamp", null, new BigDecimal("5.00"), 10, 11L));

        a.sendAndWait(new ReserveStock(id, 1, 2));
        b.sendAndWait(new ReserveStock(id, 2, 3));
        a.sendAndWait(new ReserveStock(id, 3, 4));
        b.sendAndWait(new ReserveStock(id, 4, 2));
        a.sendAndWait(new ReserveStock(id, 5, 1));
        a.sendAndWait(new ReserveStock(id, 6, 1));

        List<String> decisions = first.getBean(JdbcClient.class).sql("""
                        SELECT substring(payloadtype from '[^.]+$') FROM domainevententry
                        WHERE aggregateidentifier = ? AND sequencenumber > 0 ORDER BY sequencenumber""")
                .param(String.valueOf(id)).query(String.class).list();
        assertThat(decisions).as("10 in stock: 2, 3 and 4 taken, 2 refused, 1 taken, then none left")
                .containsExactly("StockReserved", "StockReserved", "StockReserved", "StockReservationRejected",
                        "StockReserved", "StockReservationRejected");
        MeterRegistry meters = first.getBean(MeterRegistry.class);
        assertThat(meters.counter("aggregate.cache", "result", "stale").count())
                .as("the first instance found its copy behind after the second's changes").isEqualTo(2);
        assertThat(meters.counter("aggregate.cache", "result", "hit").count())
                .as("and used it where it was current").isGreaterThanOrEqualTo(2);
    }
}
