package dev.eventcommerce.notification.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventcommerce.platform.messaging.TransientFailures;
import dev.eventcommerce.platform.messaging.UnreadableMessageException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
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
                    .as(body).isInstanceOf(UnreadableMessageException.class);
        }
    }

    @Test
    void aMessageWithoutAUsableIdIsUnreadable() {
        for (String id : new String[] {null, "", " ", "x".repeat(256)}) {
            assertThatThrownBy(() -> OrderCreatedListener.read(id, bytes(ORDER)))
                    .isInstanceOf(UnreadableMessageException.class);
        }
    }

    @Test
    void anUnreachableDatabaseIsToldApartFromABadRow() {
        SQLException lostConnection = new SQLException("I/O error", "08006");
        TransactionSystemException failedRollback = new TransactionSystemException("JDBC rollback failed",
                new SQLException("rollback failed"));
        failedRollback.initApplicationException(new DataAccessResourceFailureException("insert", lostConnection));

        assertThat(TransientFailures.isDatabaseUnavailable(
                new CannotCreateTransactionException("no connection", new SQLTransientConnectionException("timeout"))))
                .isTrue();
        assertThat(TransientFailures.isDatabaseUnavailable(new RuntimeException(lostConnection))).isTrue();
        assertThat(TransientFailures.isDatabaseUnavailable(
                new RuntimeException(new SQLException("terminating connection due to administrator command", "57P01"))))
                .isTrue();
        assertThat(TransientFailures.isDatabaseUnavailable(failedRollback)).isTrue();

        assertThat(TransientFailures.isDatabaseUnavailable(new DataIntegrityViolationException("too long",
                new SQLException("value too long", "22001")))).isFalse();
        assertThat(TransientFailures.isDatabaseUnavailable(new IllegalStateException("mail server refused"))).isFalse();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
