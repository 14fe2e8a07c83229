package dev.eventcommerce.notification.query;

import dev.eventcommerce.notification.api.ListNotifications;
import dev.eventcommerce.notification.api.NotificationView;
import dev.eventcommerce.notification.api.RecordNotification;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code notifications} table: written by the order-created consumer, read by the notification
 * API. Not a projection of events: the table itself is this context's record of what it sent.
 */
@Component
public class SentNotifications {

    private final JdbcClient jdbc;

    SentNotifications(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts the notification unless its message id is already recorded. A concurrent insert of the same
     * message id waits on the unique index until the other transaction ends, so only one of them wins.
     *
     * @return whether this call recorded it (false: a duplicate delivery)
     */
    public boolean recordIfAbsent(RecordNotification notification) {
        return jdbc.sql("""
                        INSERT INTO notifications (message_id, order_id, user_id, channel, message, status, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (message_id) DO NOTHING""")
                .params(notification.messageId(), notification.orderId(), notification.userId(),
                        notification.channel(), notification.message(), notification.status(),
                        Timestamp.from(notification.createdAt()))
                .update() == 1;
    }

    /** A page of the user's notifications, newest first. */
    public List<NotificationView> list(ListNotifications query) {
        return jdbc.sql("""
                        SELECT * FROM notifications WHERE user_id = ?
                        ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?""")
                .params(query.userId(), query.limit(), query.skip())
                .query(SentNotifications::view)
                .list();
    }

    private static NotificationView view(ResultSet rs, int row) throws SQLException {
        return new NotificationView(rs.getLong("id"), rs.getLong("order_id"), rs.getLong("user_id"),
                rs.getString("channel"), rs.getString("message"), rs.getString("status"),
                rs.getTimestamp("created_at").toInstant());
    }
}
