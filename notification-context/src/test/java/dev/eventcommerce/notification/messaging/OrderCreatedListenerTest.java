package dev.eventcommerce.notification.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

class OrderCreatedListenerTest {

    static final String ORDER = TestBroker.orderCreated(42, 7, "Widget", 2, "99.99");

    @Test
    void aWellFormedMessageIsReadWithItsOrder() throws Exception {
        var order = OrderCreatedListener.read("event-1", bytes(ORDER));

        assertThat(order.orderId()).isEqualTo(42);
        assertThat(order.userId()).isEqualTo(7);
        assertThat(order.totalPrice()).isEqualByComparingTo("199.98");
        assertThat(OrderCreatedNotifier.text(order)).isEqualTo("Thank you for your order #42: 2 x Widget, total 199.98.");
    }

    @Test
    void fieldsAddedToTheContractLaterAreIgnored() throws Exception {
        String withMore = ORDER.replace("\"status\"", "\"coupon\":\"X\",\"status\"");

        assertThat(OrderCreatedListener.read("event-1", bytes(withMore)).orderId()).isEqualTo(42);
    }

    @Test
    void messagesThatAreNotOrderCreatedMessagesAreUnreadable() {
        for (String body : new String[] {"", "not json", "null", "[1,2]", "{\"event\":\"order.created\"}",
                "{\"event\":\"order.shipped\",\"data\":{\"order_id\":1,\"user_id\":1}}",
                ORDER.replace("\"order_id\":42", "\"order_id\":\"forty-two\""),
                ORDER.replace("\"user_id\":7,", ""),
                ORDER.replace("\"total_price\":199.98", "\"total_price\":null")}) {
            assertThatThrownBy(() -> OrderCreatedListener.read("event-1", bytes(body)))
                    .as(body).isInstanceOf(OrderCreatedListener.UnreadableMessageException.class);
        }
    }

    @Test
    void aMessageWithoutAUsableIdIsUnreadable() {
        for (String id : new String[] {null, "", " ", "x".repeat(256)}) {
            assertThatThrownBy(() -> OrderCreatedListener.read(id, bytes(ORDER)))
                    .isInstanceOf(OrderCreatedListener.UnreadableMessageException.class);
        }
    }

    @Test
    void anUnreachableDatabaseIsToldApartFromABadRow() {
        SQLException lostConnection = new SQLException("I/O error", "08006");
        TransactionSystemException failedRollback = new TransactionSystemException("JDBC rollback failed",
                new SQLException("rollback failed"));
        failedRollback.initApplicationException(new DataAccessResourceFailureException("insert", lostConnection));

        assertThat(OrderCreatedListener.isDatabaseUnavailable(
                new CannotCreateTransactionException("no connection", new SQLTransientConnectionException("timeout"))))
                .isTrue();
        assertThat(OrderCreatedListener.isDatabaseUnavailable(new RuntimeException(lostConnection))).isTrue();
        assertThat(OrderCreatedListener.isDatabaseUnavailable(
                new RuntimeException(new SQLException("terminating connection due to administrator command", "57P01"))))
                .isTrue();
        assertThat(OrderCreatedListener.isDatabaseUnavailable(failedRollback)).isTrue();

        assertThat(OrderCreatedListener.isDatabaseUnavailable(new DataIntegrityViolationException("too long",
                new SQLException("value too long", "22001")))).isFalse();
        assertThat(OrderCreatedListener.isDatabaseUnavailable(new IllegalStateException("mail server refused"))).isFalse();
    }

    @Test
    void pausesDoubleUpToTheLongest() {
        RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(200), Duration.ofMillis(500),
                Duration.ofSeconds(30));

        assertThat(policy.next(Duration.ofMillis(200))).hasMillis(400);
        assertThat(policy.next(Duration.ofMillis(400))).hasMillis(500);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
