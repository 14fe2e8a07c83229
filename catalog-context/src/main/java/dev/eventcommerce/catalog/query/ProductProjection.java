package dev.eventcommerce.catalog.query;

import dev.eventcommerce.catalog.api.FindProduct;
import dev.eventcommerce.catalog.api.ListProducts;
import dev.eventcommerce.catalog.api.ProductCreated;
import dev.eventcommerce.catalog.api.ProductDeleted;
import dev.eventcommerce.catalog.api.ProductUpdated;
import dev.eventcommerce.catalog.api.ProductView;
import dev.eventcommerce.catalog.api.StockReleased;
import dev.eventcommerce.catalog.api.StockReserved;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code products} read model and its Redis cache. Rows carry the events' timestamps, so a replay
 * rebuilds the table exactly; handlers are idempotent. Each event also writes the cache entry (see
 * {@link ProductCache}); a single product's reads are served cache-aside. Stock events set the available
 * quantity; rejected and voided reservations change nothing here.
 */
@Component
@ProcessingGroup(ProductView.PROJECTION)
class ProductProjection {

    private final JdbcClient jdbc;
    private final ProductCache cache;

    ProductProjection(JdbcClient jdbc, ProductCache cache) {
        this.jdbc = jdbc;
        this.cache = cache;
    }

    @EventHandler
    void on(ProductCreated event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.sql("""
                        INSERT INTO products (id, name, description, price, quantity, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO NOTHING""")
                .params(event.productId(), event.name(), event.description(), event.price(), event.quantity(),
                        Timestamp.from(at), Timestamp.from(at))
                .update();
        cache.write(new ProductView(event.productId(), event.name(), event.description(), event.price(),
                event.quantity(), at, at));
    }

    @EventHandler
    void on(ProductUpdated event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.sql("""
                        UPDATE products SET name = ?, description = ?, price = ?, quantity = ?, updated_at = ?
                        WHERE id = ?""")
                .params(event.name(), event.description(), event.price(), event.quantity(), Timestamp.from(at),
                        event.productId())
                .update();
        find(event.productId()).ifPresent(cache::write);
    }

    /** The available stock as clients see it: the event's {@code remaining}, through the row and the cache. */
    @EventHandler
    void on(StockReserved event, @org.axonframework.eventhandling.Timestamp Instant at) {
        setStock(event.productId(), event.remaining(), at);
    }

    @EventHandler
    void on(StockReleased event, @org.axonframework.eventhandling.Timestamp Instant at) {
        setStock(event.productId(), event.remaining(), at);
    }

    private void setStock(long productId, int remaining, Instant at) {
        int updated = jdbc.sql("UPDATE products SET quantity = ?, updated_at = ? WHERE id = ?")
                .params(remaining, Timestamp.from(at), productId)
                .update();
        if (updated > 0) {
            find(productId).ifPresent(cache::write);
        }
    }

    @EventHandler
    void on(ProductDeleted event) {
        jdbc.sql("DELETE FROM products WHERE id = ?").param(event.productId()).update();
        cache.delete(event.productId());
    }

    @ResetHandler
    void reset() {
        // TRUNCATE, not DELETE: instant, and the rebuild does not wade through a table of dead rows
        jdbc.sql("TRUNCATE products").update();
        cache.clear();
    }

    @QueryHandler
    Optional<ProductView> handle(FindProduct query) {
        Optional<ProductView> cached = cache.get(query.productId());
        return cached.isPresent() ? cached : stored(query.productId());
    }

    /** A product from the read model, filling the cache on the way (cache-aside). */
    Optional<ProductView> stored(long productId) {
        Optional<ProductView> stored = find(productId);
        stored.ifPresent(cache::fill);
        return stored;
    }

    @QueryHandler
    List<ProductView> handle(ListProducts query) {
        return jdbc.sql("SELECT * FROM products ORDER BY id LIMIT ? OFFSET ?")
                .params(query.limit(), query.skip())
                .query(ProductProjection::view)
                .list();
    }

    private Optional<ProductView> find(long productId) {
        return jdbc.sql("SELECT * FROM products WHERE id = ?").param(productId).query(ProductProjection::view).optional();
    }

    private static ProductView view(ResultSet rs, int row) throws SQLException {
        return new ProductView(rs.getLong("id"), rs.getString("name"), rs.getString("description"),
                rs.getBigDecimal("price"), rs.getInt("quantity"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
