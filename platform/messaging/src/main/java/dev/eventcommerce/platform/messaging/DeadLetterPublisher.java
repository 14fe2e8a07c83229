package dev.eventcommerce.platform.messaging;

import java.util.HashMap;
import java.util.Map;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.retry.RepublishMessageRecovererWithConfirms;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.expression.common.LiteralExpression;
import org.springframework.expression.spel.standard.SpelExpressionParser;

/**
 * Dead-letters a message given up on: publishes it to the dead-letter exchange, routed by the name of the queue
 * it was consumed from (as {@link ConsumerQueue} binds each dead-letter queue), and waits for the broker's
 * confirm; only then does the listener return and the original get acknowledged. The dead letter keeps the
 * original's body and properties (message id, content type, headers such as {@code traceparent}) and carries why
 * and where it failed:
 * <ul>
 * <li>{@value #EXCEPTION_MESSAGE}: the failure's message (its most specific cause), at most
 * {@value #MAX_EXCEPTION_MESSAGE_LENGTH} characters, never a stack trace;</li>
 * <li>{@value #EXCEPTION_TYPE}: that cause's class name;</li>
 * <li>{@value #ORIGINAL_QUEUE}, {@value #ORIGINAL_EXCHANGE}, {@value #ORIGINAL_ROUTING_KEY}: where it was
 * consumed from and how it had been published;</li>
 * <li>{@value #DEAD_LETTERED_AT}: when, in epoch milliseconds.</li>
 * </ul>
 * A crash between the confirm and the acknowledgement delivers the original again, which may be dead-lettered a
 * second time: a dead letter may be duplicated (same message id), never lost. A publish that is not confirmed
 * throws, and the caller puts the original back in its queue. A queue without a dead-letter queue bound under its
 * name (ordering's per-instance queue of product changes) loses the message, as the broker's own dead-lettering
 * would; the dead-letter exchange is declared with every consumer queue, so the publish itself does not fail.
 * <p>
 * Spring AMQP's recoverer with publisher confirms, with its own headers renamed and its stack trace left out:
 * a dead letter is read by an operator in a console, and a stack trace there says nothing the logs do not.
 */
public class DeadLetterPublisher extends RepublishMessageRecovererWithConfirms {

    public static final String EXCEPTION_MESSAGE = "x-exception-message";
    public static final String EXCEPTION_TYPE = "x-exception-type";
    public static final String ORIGINAL_QUEUE = "x-original-queue";
    public static final String ORIGINAL_EXCHANGE = "x-original-exchange";
    public static final String ORIGINAL_ROUTING_KEY = "x-original-routing-key";
    public static final String DEAD_LETTERED_AT = "x-dead-lettered-at";
    static final int MAX_EXCEPTION_MESSAGE_LENGTH = 1000;

    private static final long CONFIRM_TIMEOUT_MILLIS = 10_000;

    /**
     * @param connectionFactory  the service's connection factory, with correlated publisher confirms
     *                           ({@code spring.rabbitmq.publisher-confirm-type: correlated}, platform/messaging's
     *                           default)
     * @param deadLetterExchange the exchange every consumer queue of the service dead-letters to
     */
    public DeadLetterPublisher(ConnectionFactory connectionFactory, String deadLetterExchange) {
        super(template(connectionFactory), new LiteralExpression(deadLetterExchange),
                new SpelExpressionParser().parseExpression("messageProperties.consumerQueue"),
                CachingConnectionFactory.ConfirmType.CORRELATED);
        setConfirmTimeout(CONFIRM_TIMEOUT_MILLIS);
    }

    /** Not mandatory, whatever the service's own template: an unroutable dead letter is dropped, as the broker would. */
    private static RabbitTemplate template(ConnectionFactory connectionFactory) {
        if (!connectionFactory.isPublisherConfirms()) {
            throw new IllegalStateException("Dead letters are published with confirms: set "
                    + "spring.rabbitmq.publisher-confirm-type to correlated");
        }
        return new RabbitTemplate(connectionFactory);
    }

    @Override
    protected Map<? extends String, ?> additionalHeaders(Message message, Throwable failure) {
        MessageProperties properties = message.getMessageProperties();
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
        Map<String, Object> headers = new HashMap<>();
        headers.put(EXCEPTION_MESSAGE, truncated(cause.getMessage() == null ? cause.getClass().getName()
                : cause.getMessage()));
        headers.put(EXCEPTION_TYPE, cause.getClass().getName());
        headers.put(ORIGINAL_QUEUE, properties.getConsumerQueue());
        headers.put(ORIGINAL_EXCHANGE, properties.getReceivedExchange());
        headers.put(ORIGINAL_ROUTING_KEY, properties.getReceivedRoutingKey());
        headers.put(DEAD_LETTERED_AT, System.currentTimeMillis());
        return headers;
    }

    @Override
    protected void doSend(String exchange, String routingKey, Message message) {
        Map<String, Object> headers = message.getMessageProperties().getHeaders();
        headers.remove(X_EXCEPTION_STACKTRACE);
        headers.remove(X_ORIGINAL_ROUTING_KEY);
        super.doSend(exchange, routingKey, message);
    }

    static String truncated(String text) {
        return text.length() <= MAX_EXCEPTION_MESSAGE_LENGTH ? text
                : text.substring(0, MAX_EXCEPTION_MESSAGE_LENGTH - 1) + "…";
    }
}
