package dev.eventcommerce.catalog.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.catalog.web.CatalogServiceTest;
import dev.eventcommerce.catalog.api.CreateProduct;
import dev.eventcommerce.catalog.api.DeleteProduct;
import dev.eventcommerce.catalog.api.ProductView;
import dev.eventcommerce.catalog.api.ReleaseStock;
import dev.eventcommerce.catalog.api.ReserveStock;
import dev.eventcommerce.catalog.api.UpdateProduct;
import dev.eventcommerce.platform.operations.ProcessorOperations;
import dev.eventcommerce.platform.testing.Replays;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A replay rebuilds the products table exactly, and clears the Redis entries it owns. */
@CatalogServiceTest
class ProductReplayIT {

    @Autowired
    CommandGateway commands;
    @Autowired
    ProcessorOperations operations;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProductCache cache;
    @Autowired
    StringRedisTemplate redis;

    @Test
    void aReplayRebuildsTheProductsTableExactly() throws Exception {
        List<Long> ids = IntStream.range(0, 300)
                .mapToObj(i -> commands.<Long>sendAndWait(new CreateProduct("Product " + i,
                        i % 3 == 0 ? null : "Description " + i, new BigDecimal(i + 1).add(new BigDecimal("0.99")),
                        i % 20, 11)))
                .toList();
        for (int i = 0; i < ids.size(); i += 2) {
            commands.sendAndWait(new UpdateProduct(ids.get(i), null, "Changed " + i, new BigDecimal("5.50"), null,
                    11, false));
        }
        // every stock event: reserved, rejected (insufficient stock, product deleted), released, voided
        long orderId = 1;
        for (int i = 0; i < ids.size(); i += 3) {
            long reserved = orderId++;
            commands.sendAndWait(new ReserveStock(ids.get(i), reserved, 1));
            commands.sendAndWait(new ReserveStock(ids.get(i), orderId++, 50));
            if (i % 2 == 0) {
                commands.sendAndWait(new ReleaseStock(ids.get(i), reserved, "cancelled"));
            }
            commands.sendAndWait(new ReleaseStock(ids.get(i), orderId++, "cancelled"));
        }
        for (int i = 1; i < ids.size(); i += 6) {
            commands.sendAndWait(new DeleteProduct(ids.get(i), 11, false));
            commands.sendAndWait(new ReserveStock(ids.get(i), orderId++, 1));
        }
        operations.replayAndAwait(ProductView.PROJECTION, Duration.ofSeconds(60));
        String before = Replays.checksum(jdbc, "products", "id");
        long rows = jdbc.sql("SELECT count(*) FROM products").query(Long.class).single();
        assertThat(rows).isEqualTo(300 - 50);
        jdbc.sql("DELETE FROM products WHERE id % 3 = 0").update();
        String stale = "{\"id\":" + ids.get(0) + ",\"name\":\"stale\"}";
        redis.opsForValue().set(cache.key(ids.get(0)), stale);

        operations.replayAndAwait(ProductView.PROJECTION, Duration.ofSeconds(60));

        assertThat(Replays.checksum(jdbc, "products", "id")).as("rebuilt exactly").isEqualTo(before);
        assertThat(redis.opsForValue().get(cache.key(ids.get(0)))).as("the stale entry is gone")
                .doesNotContain("stale").contains("Changed 0");
    }
}
