package dev.eventcommerce.notification.messaging;

import dev.eventcommerce.kernel.contract.OrderCreatedMessage;
import dev.eventcommerce.kernel.money.Money;
import dev.eventcommerce.notification.api.RecordNotification;
import dev.eventcommerce.notification.channel.Notification;
import dev.eventcommerce.notification.channel.NotificationChannel;
import dev.eventcommerce.notification.query.SentNotifications;
import java.time.Clock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the order confirmation of one order-created message and records it, in one transaction: the
 * row is inserted first (if its message id is new), then the channel sends, then the transaction
 * commits. A duplicate sends nothing; a failed send leaves no row, so the message can be tried again.
 * A send whose commit then fails is sent again on the next delivery: at least once, as with any
 * channel outside the database.
 */
@Component
class OrderCreatedNotifier {

    static final String SENT = "sent";

    private final SentNotifications notifications;
    private final NotificationChannel channel;
    private final TransactionTemplate transaction;
    private final Clock clock;

    OrderCreatedNotifier(SentNotifications notifications, NotificationChannel channel,
                         PlatformTransactionManager transactionManager, Clock clock) {
        this.notifications = notifications;
        this.channel = channel;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** @return true if it was sent and recorded now, false if this message id had been recorded before */
    boolean notify(String messageId, OrderCreatedMessage.Data order) {
        String text = text(order);
        return Boolean.TRUE.equals(transaction.execute(status -> {
            boolean recorded = notifications.recordIfAbsent(new RecordNotification(messageId, order.orderId(),
                    order.userId(), channel.name(), text, SENT, clock.instant()));
            if (recorded) {
                channel.send(new Notification(order.orderId(), order.userId(), text));
            }
            return recorded;
        }));
    }

    /** The seed's confirmation e-mail, in English, with the total as a two-decimal amount. */
    static String text(OrderCreatedMessage.Data order) {
        return "Thank you for your order #%d: %d x %s, total %s."
                .formatted(order.orderId(), order.quantity(), order.productName(),
                        Money.roundedForDisplay(order.totalPrice()));
    }
}
