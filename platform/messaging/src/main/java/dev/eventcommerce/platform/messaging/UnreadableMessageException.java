package dev.eventcommerce.platform.messaging;

import org.springframework.amqp.AmqpRejectAndDontRequeueException;

/** A message that no retry can make readable: it goes to the dead letters at once. */
public class UnreadableMessageException extends AmqpRejectAndDontRequeueException {

    public UnreadableMessageException(String reason) {
        super(reason);
    }
}
