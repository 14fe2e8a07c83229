package dev.eventcommerce.ordering.query;

import dev.eventcommerce.ordering.api.ListAllOrders;
import dev.eventcommerce.ordering.api.OrderView;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every customer's orders from the order-view read model, newest first. Each combination of filters has an index
 * in that order: by customer (V1), by status and by time alone (V7).
 */
@Component
class AllOrders {

    private final JdbcClient jdbc;

    AllOrders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    List<OrderView> handle(ListAllOrders query) {
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (query.customerId() != null) {
            conditions.add("user_id = ?");
            params.add(query.customerId());
        }
        if (query.status() != null) {
            conditions.add("status = ?");
            params.add(query.status().value());
        }
        params.add(query.limit());
        params.add(query.skip());
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return jdbc.sql("SELECT * FROM orders" + where + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")
                .params(params)
                .query(OrderProjection::view)
                .list();
    }
}
