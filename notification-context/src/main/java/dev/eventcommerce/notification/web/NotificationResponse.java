package dev.eventcommerce.notification.web;

import dev.eventcommerce.notification.api.NotificationView;
import java.time.Instant;

/** A notification as the API shows it: {@code {id, order_id, user_id, channel, message, status, created_at}}. */
record NotificationResponse(long id, long orderId, long userId, String channel, String message, String status,
                            Instant createdAt) {

    static NotificationResponse of(NotificationView view) {
        return new NotificationResponse(view.id(), view.orderId(), view.userId(), view.channel(), view.message(),
                view.status(), view.createdAt());
    }
}
