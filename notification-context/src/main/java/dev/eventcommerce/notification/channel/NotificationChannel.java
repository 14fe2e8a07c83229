package dev.eventcommerce.notification.channel;

/**
 * A way of reaching a user (log, e-mail, SMS, ...). {@link #send} runs inside the transaction that
 * records the notification: when it throws, nothing is recorded and the message is tried again.
 */
public interface NotificationChannel {

    /** The name recorded with every notification sent through this channel. */
    String name();

    void send(Notification notification);
}
