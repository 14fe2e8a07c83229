package dev.eventcommerce.ordering.query;

import dev.eventcommerce.platform.axon.BatchedStatements;
import dev.eventcommerce.platform.axon.BatchedStatements.RowsStatement;
import dev.eventcommerce.ordering.api.FindOrder;
import dev.eventcommerce.ordering.api.FindPendingOrders;
import dev.eventcommerce.ordering.api.ListOrders;
import dev.eventcommerce.ordering.api.OrderDeleted;
import dev.eventcommerce.ordering.api.OrderPlaced;
import dev.eventcommerce.ordering.api.OrderStatus;
import dev.eventcommerce.ordering.api.OrderStatusChanged;
import dev.eventcommerce.ordering.api.OrderView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code orders} read model: one row per order that is not deleted, with its version (the sequence
 * number of its latest event, served as ETag) and the events' timestamps, so a replay rebuilds it exactly.
 * Handlers are idempotent: a re-delivered event never moves a row backwards (version guard). Writes go
 * out as JDBC batches per processor batch, which is what makes a replay fast.
 */
@Component
@ProcessingGroup(OrderView.PROJECTION)
class OrderProjection {

    private final JdbcClient jdbc;
    private final BatchedStatements writes;

    OrderProjection(JdbcClient jdbc, BatchedStatements writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    /** Inserts placed orders; a re-delivered OrderPlaced changes nothing. */
    private static final RowsStatement INSERT = RowsStatement.of("""
            INSERT INTO orders (id, user_id, product_id, product_name, quantity, unit_price, total_price, status,
                                version, created_at, updated_at)
            SELECT id, user_id, product_id, product_name, quantity, unit_price, total_price, status, version, at, at
            FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::integer[], ?::numeric[], ?::numeric[],
                        ?::text[], ?::bigint[], ?::timestamptz[])
                 AS placed(id, user_id, product_id, product_name, quantity, unit_price, total_price, status, version, at)
            ON CONFLICT (id) DO NOTHING""",
            "bigint", "bigint", "bigint", "text", "integer", "numeric", "numeric", "text", "bigint", "timestamptz");

    /** Applies the latest status change per order of a run; never moves a row backwards (version guard). */
    private static final RowsStatement CHANGE_STATUS = RowsStatement.of("""
            UPDATE orders o SET status = c.status, status_reason = c.reason, version = c.version, updated_at = c.at
            FROM (SELECT DISTINCT ON (id) * FROM unnest(?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::timestamptz[])
                      AS changed(id, status, reason, version, at)
                  ORDER BY id, version DESC) c
            WHERE o.id = c.id AND o.version < c.version""",
            "bigint", "text", "text", "bigint", "timestamptz");

    private static final RowsStatement DELETE = RowsStatement.of(
            "DELETE FROM orders WHERE id = ANY (?::bigint[])", "bigint");

    @EventHandler
    void on(OrderPlaced event, @SequenceNumber long sequence, @Timestamp Instant at) {
        writes.add(INSERT, event.orderId(), event.userId(), event.productId(), event.productName(), event.quantity(),
                event.unitPrice(), event.totalPrice(), OrderStatus.PENDING.value(), sequence, at);
    }

    @EventHandler
    void on(OrderStatusChanged event, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        writes.add(CHANGE_STATUS, event.orderId(), event.to().value(), event.reason(), sequence, at);
    }

    @EventHandler
    void on(OrderDeleted event) {
        writes.add(DELETE, event.orderId());
    }

    @ResetHandler
    void reset() {
        // TRUNCATE, not DELETE: instant, and the rebuild does not wade through a table of dead rows
        jdbc.sql("TRUNCATE orders").update();
    }

    @QueryHandler
    Optional<OrderView> handle(FindOrder query) {
        return jdbc.sql("SELECT * FROM orders WHERE id = ?").param(query.orderId()).query(OrderProjection::view)
                .optional();
    }

    @QueryHandler
    List<OrderView> handle(ListOrders query) {
        return jdbc.sql("SELECT * FROM orders WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")
                .params(query.userId(), query.limit(), query.skip())
                .query(OrderProjection::view)
                .list();
    }

    /** The reservation timeout's sweep: pending orders placed before a moment (a small partial index). */
    @QueryHandler
    List<Long> handle(FindPendingOrders query) {
        return jdbc.sql("SELECT id FROM orders WHERE status = 'pending' AND created_at < ? ORDER BY created_at LIMIT ?")
                .params(query.placedBefore().atOffset(ZoneOffset.UTC), query.limit())
                .query(Long.class)
                .list();
    }

    static OrderView view(ResultSet rs, int row) throws SQLException {
        return new OrderView(rs.getLong("id"), rs.getLong("user_id"), rs.getLong("product_id"),
                rs.getString("product_name"), rs.getInt("quantity"), rs.getBigDecimal("unit_price"),
                rs.getBigDecimal("total_price"), OrderStatus.of(rs.getString("status")), rs.getString("status_reason"),
                rs.getLong("version"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
