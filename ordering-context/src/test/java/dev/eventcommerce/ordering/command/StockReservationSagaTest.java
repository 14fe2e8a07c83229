package dev.eventcommerce.ordering.command;

import static dev.eventcommerce.ordering.api.OrderStatus.CANCELLED;
import static dev.eventcommerce.ordering.api.OrderStatus.CONFIRMED;
import static dev.eventcommerce.ordering.api.OrderStatus.PENDING;
import static dev.eventcommerce.ordering.api.OrderStatus.REJECTED;

import dev.eventcommerce.ordering.api.OrderDeleted;
import dev.eventcommerce.ordering.api.OrderPlaced;
import dev.eventcommerce.ordering.api.OrderStatusChanged;
import dev.eventcommerce.ordering.api.RejectOrder;
import java.math.BigDecimal;
import java.time.Duration;
import org.axonframework.test.saga.FixtureConfiguration;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StockReservationSagaTest {

    private static final OrderPlaced PLACED =
            new OrderPlaced(9, 5, 3, "Lamp", 2, new BigDecimal("199.99"), new BigDecimal("399.98"));
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private FixtureConfiguration fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(StockReservationSaga.class);
        fixture.registerResource(new StockReservationTimeout(TIMEOUT));
    }

    @Test
    void aPlacedOrderStartsTheProcessWithItsDeadline() {
        fixture.givenNoPriorActivity()
                .whenAggregate("9").publishes(PLACED)
                .expectActiveSagas(1)
                .expectAssociationWith("orderId", "9")
                .expectScheduledDeadlineWithName(TIMEOUT, StockReservationSaga.DEADLINE)
                .expectNoDispatchedCommands();
    }

    @Test
    void aConfirmationBeforeTheDeadlineCancelsItAndEndsTheProcess() {
        fixture.givenAggregate("9").published(PLACED)
                .whenAggregate("9").publishes(new OrderStatusChanged(9, PENDING, CONFIRMED))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines()
                .expectNoDispatchedCommands();
    }

    @Test
    void aRejectionOrACancellationAlsoEndsIt() {
        fixture.givenAggregate("9").published(PLACED)
                .whenAggregate("9").publishes(new OrderStatusChanged(9, PENDING, REJECTED, "insufficient stock", false))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
        fixture.givenAggregate("9").published(PLACED)
                .whenAggregate("9").publishes(new OrderStatusChanged(9, PENDING, CANCELLED, null, true))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void aDeletionEndsIt() {
        fixture.givenAggregate("9").published(PLACED)
                .whenAggregate("9").publishes(new OrderDeleted(9, true))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void noAnswerWithinTheTimeoutRejectsTheOrderAndReleasesItsStock() {
        fixture.givenAggregate("9").published(PLACED)
                .whenTimeElapses(TIMEOUT.plusSeconds(1))
                .expectTriggeredDeadlinesWithName(StockReservationSaga.DEADLINE)
                .expectDispatchedCommands(new RejectOrder(9, "catalog did not answer within 30s", true))
                .expectActiveSagas(0);
    }

    @Test
    void nothingHappensBeforeTheTimeout() {
        fixture.givenAggregate("9").published(PLACED)
                .whenTimeElapses(TIMEOUT.minusSeconds(1))
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
    }
}
