package dev.eventcommerce.ordering.query;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.eventcommerce.ordering.api.CatalogProductView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Ordering's replica of catalog's products: the {@code product_replica} table, fed by catalog's product
 * messages, and an in-process memory in front of it so that most orders are priced without a query.
 *
 * <p>The table keeps the highest version of each product it was given: an older message (redelivered, or
 * overtaken by a competing consumer on another instance) changes nothing. A product read from catalog over
 * HTTP is stored only if the table has no row for it, so it never overrides a message; every message
 * overrides it.
 *
 * <p>The memory holds what this instance read from or wrote to the table, also the highest version of each,
 * deleted products included (they answer 422 without a query). Every instance applies every product message
 * itself (through its own queue), to the table and then to its memory, so a change reaches every instance's
 * memory; when that queue's consumer (re)starts, messages may have been missed and the memory is
 * {@linkplain #forget() forgotten}. A row read from the table while a change or a forget happened on this
 * instance is used but not remembered: it may be older than what the change left. Entries also expire
 * after a while, a bound on staleness for whatever interleaving this reasoning missed.
 */
@Component
public class ProductReplica {

    private static final String COLUMNS = "product_id, name, price, deleted, version";

    private final JdbcClient jdbc;
    private final Cache<Long, CatalogProductView> memory;
    /** Counts changes applied here and forgets; a read that overlaps one is not remembered. */
    private final AtomicLong changes = new AtomicLong();

    /**
     * @param size           the most products held in memory
     * @param timeToRemember how long a product stays in memory after it was put there
     */
    public ProductReplica(JdbcClient jdbc,
                          @Value("${eventcommerce.ordering.product-memory.size:10000}") long size,
                          @Value("${eventcommerce.ordering.product-memory.time-to-remember:60s}") Duration timeToRemember) {
        this.jdbc = jdbc;
        this.memory = Caffeine.newBuilder().maximumSize(size).expireAfterWrite(timeToRemember).build();
    }

    /** The product as the replica knows it (deleted or not); empty when it has never heard of it. */
    public Optional<CatalogProductView> find(long productId) {
        CatalogProductView remembered = memory.getIfPresent(productId);
        if (remembered != null) {
            return Optional.of(remembered);
        }
        long seen = changes.get();
        Optional<CatalogProductView> stored = stored(productId);
        if (stored.isPresent() && changes.get() == seen) {
            remember(stored.get());
        }
        return stored;
    }

    /**
     * Applies a change from catalog unless the replica has the product at the same or a higher version; the
     * memory takes whatever the table then holds.
     *
     * @return whether it changed the table
     */
    public boolean apply(CatalogProductView change) {
        // a deletion carries no name or price: the row keeps its last ones
        Optional<CatalogProductView> applied = jdbc.sql("""
                        INSERT INTO product_replica AS r (product_id, name, price, deleted, version)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (product_id) DO UPDATE
                            SET name = coalesce(excluded.name, r.name), price = coalesce(excluded.price, r.price),
                                deleted = excluded.deleted, version = excluded.version, updated_at = now()
                            WHERE r.version < excluded.version
                        RETURNING\s""" + COLUMNS)
                .params(change.id(), change.name(), change.price(), change.deleted(), change.version())
                .query(ProductReplica::view).optional();
        // the change, or a newer one already stored (by this instance's other queue, or another instance):
        // this instance's memory follows the table either way
        remember(applied.or(() -> stored(change.id())).orElseThrow());
        changes.incrementAndGet();
        return applied.isPresent();
    }

    /**
     * Stores a product read from catalog over HTTP ({@link CatalogProductView#UNVERSIONED}) if the replica
     * has no row for it yet; a row from a message, however old, stays.
     */
    public void learn(CatalogProductView fetched) {
        jdbc.sql("INSERT INTO product_replica AS r (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT (product_id) DO NOTHING RETURNING " + COLUMNS)
                .params(fetched.id(), fetched.name(), fetched.price(), fetched.deleted(), CatalogProductView.UNVERSIONED)
                .query(ProductReplica::view).optional()
                .ifPresent(this::remember);
    }

    /** Drops the memory (the table stays): the changes that kept it current may have been missed. */
    public void forget() {
        changes.incrementAndGet();
        memory.invalidateAll();
    }

    private Optional<CatalogProductView> stored(long productId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM product_replica WHERE product_id = ?")
                .param(productId).query(ProductReplica::view).optional();
    }

    private void remember(CatalogProductView view) {
        memory.asMap().merge(view.id(), view, (held, offered) -> offered.version() > held.version() ? offered : held);
    }

    private static CatalogProductView view(ResultSet row, int number) throws SQLException {
        return new CatalogProductView(row.getLong("product_id"), row.getString("name"), row.getBigDecimal("price"),
                row.getBoolean("deleted"), row.getLong("version"));
    }
}
