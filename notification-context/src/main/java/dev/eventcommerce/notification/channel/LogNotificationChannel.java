package dev.eventcommerce.notification.channel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The seed's only channel: the confirmation is written to the log, one line per notification, with
 * the order and user ids as key-value pairs for structured log shipping and in the text for humans.
 */
@Component
class LogNotificationChannel implements NotificationChannel {

    private static final Logger log = LoggerFactory.getLogger(LogNotificationChannel.class);

    @Override
    public String name() {
        return "log";
    }

    @Override
    public void send(Notification notification) {
        log.atInfo()
                .addKeyValue("order_id", notification.orderId())
                .addKeyValue("user_id", notification.userId())
                .log("Notification sent: order_id={} user_id={} message=\"{}\"",
                        notification.orderId(), notification.userId(), escaped(notification.text()));
    }

    /** The text holds a customer's product name: no line breaks or quotes that could forge log lines. */
    static String escaped(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r");
    }
}
