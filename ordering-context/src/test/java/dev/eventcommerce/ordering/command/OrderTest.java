package dev.eventcommerce.ordering.command;

import static dev.eventcommerce.ordering.api.OrderStatus.CANCELLED;
import static dev.eventcommerce.ordering.api.OrderStatus.CONFIRMED;
import static dev.eventcommerce.ordering.api.OrderStatus.DELIVERED;
import static dev.eventcommerce.ordering.api.OrderStatus.PENDING;
import static dev.eventcommerce.ordering.api.OrderStatus.SHIPPED;

import dev.eventcommerce.kernel.axon.IdSequence;
import dev.eventcommerce.ordering.api.ChangeOrderStatus;
import dev.eventcommerce.ordering.api.DeleteOrder;
import dev.eventcommerce.ordering.api.IllegalTransitionException;
import dev.eventcommerce.ordering.api.InsufficientStockException;
import dev.eventcommerce.ordering.api.InvalidOrderException;
import dev.eventcommerce.ordering.api.OrderDeleted;
import dev.eventcommerce.ordering.api.OrderNotFoundException;
import dev.eventcommerce.ordering.api.OrderPlaced;
import dev.eventcommerce.ordering.api.OrderStatus;
import dev.eventcommerce.ordering.api.OrderStatusChanged;
import dev.eventcommerce.ordering.api.PlaceOrder;
import dev.eventcommerce.ordering.api.StatusChangeNotAllowedException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OrderTest {

    private static final long OWNER = 5;
    private static final OrderPlaced PLACED =
            new OrderPlaced(9, OWNER, 3, "Lamp", 2, new BigDecimal("199.99"), new BigDecimal("399.98"));

    /** The lifecycle: every status and the statuses it may become. */
    private static final Map<OrderStatus, Set<OrderStatus>> LEGAL = Map.of(
            PENDING, Set.of(CONFIRMED, CANCELLED),
            CONFIRMED, Set.of(SHIPPED, CANCELLED),
            SHIPPED, Set.of(DELIVERED),
            DELIVERED, Set.of(),
            CANCELLED, Set.of());

    private FixtureConfiguration<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Order.class);
        fixture.registerInjectableResource((IdSequence) () -> 9L);
    }

    @Test
    void placingAnOrderPricesItExactlyInDecimals() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(OWNER, 3, "Lamp", 2, new BigDecimal("199.99"), 10))
                .expectEvents(PLACED)
                .expectResultMessagePayload(9L);
    }

    @Test
    void orderingMoreThanTheStockIsRejected() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(OWNER, 3, "Lamp", 11, new BigDecimal("199.99"), 10))
                .expectException(InsufficientStockException.class)
                .expectNoEvents();
    }

    @Test
    void orderingTheWholeStockIsAllowed() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(OWNER, 3, "Lamp", 10, new BigDecimal("1.50"), 10))
                .expectEvents(new OrderPlaced(9, OWNER, 3, "Lamp", 10, new BigDecimal("1.50"), new BigDecimal("15.00")));
    }

    @Test
    void aZeroQuantityIsRejected() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(OWNER, 3, "Lamp", 0, new BigDecimal("1.00"), 10))
                .expectException(InvalidOrderException.class)
                .expectNoEvents();
    }

    static Stream<Arguments> everyStatusPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (OrderStatus from : OrderStatus.values()) {
            for (OrderStatus to : OrderStatus.values()) {
                pairs.add(Arguments.of(from, to, LEGAL.get(from).contains(to)));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} -> {1} legal: {2}")
    @MethodSource("everyStatusPair")
    void theLifecycleAllowsExactlyItsTransitions(OrderStatus from, OrderStatus to, boolean legal) {
        var given = fixture.given(historyUpTo(from));
        var result = given.when(new ChangeOrderStatus(9, to, 1, true, null));
        if (legal) {
            result.expectEvents(new OrderStatusChanged(9, from, to));
        } else {
            result.expectException(IllegalTransitionException.class).expectNoEvents();
        }
    }

    @Test
    void theCustomerMayCancelItsOrder() {
        fixture.given(PLACED)
                .when(new ChangeOrderStatus(9, CANCELLED, OWNER, false, null))
                .expectEvents(new OrderStatusChanged(9, PENDING, CANCELLED));
    }

    @Test
    void theCustomerMayNotConfirmShipOrDeliverItsOwnOrder() {
        fixture.given(PLACED)
                .when(new ChangeOrderStatus(9, CONFIRMED, OWNER, false, null))
                .expectException(StatusChangeNotAllowedException.class)
                .expectNoEvents();
    }

    @Test
    void anotherCustomerIsToldTheOrderDoesNotExist() {
        fixture.given(PLACED)
                .when(new ChangeOrderStatus(9, CANCELLED, 77, false, null))
                .expectException(OrderNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void anAdminMayChangeAnyonesOrder() {
        fixture.given(PLACED)
                .when(new ChangeOrderStatus(9, CONFIRMED, 1, true, null))
                .expectEvents(new OrderStatusChanged(9, PENDING, CONFIRMED));
    }

    @Test
    void aChangeBasedOnAnOlderVersionIsRejected() {
        fixture.given(PLACED, new OrderStatusChanged(9, PENDING, CONFIRMED))
                .when(new ChangeOrderStatus(9, SHIPPED, 1, true, 0L))
                .expectException(ConflictingAggregateVersionException.class)
                .expectNoEvents();
    }

    @Test
    void aChangeBasedOnTheCurrentVersionIsAccepted() {
        fixture.given(PLACED, new OrderStatusChanged(9, PENDING, CONFIRMED))
                .when(new ChangeOrderStatus(9, SHIPPED, 1, true, 1L))
                .expectEvents(new OrderStatusChanged(9, CONFIRMED, SHIPPED));
    }

    @Test
    void theOwnerDeletesAnOrder() {
        fixture.given(PLACED)
                .when(new DeleteOrder(9, OWNER, false, null))
                .expectEvents(new OrderDeleted(9));
    }

    @Test
    void anotherCustomerCannotDeleteAnOrder() {
        fixture.given(PLACED)
                .when(new DeleteOrder(9, 77, false, null))
                .expectException(OrderNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void aDeletedOrderAcceptsNoMoreChanges() {
        fixture.given(PLACED, new OrderDeleted(9))
                .when(new ChangeOrderStatus(9, CANCELLED, OWNER, false, null))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
    }

    private static List<Object> historyUpTo(OrderStatus status) {
        List<Object> events = new ArrayList<>(List.of(PLACED));
        switch (status) {
            case PENDING -> { }
            case CONFIRMED -> events.add(new OrderStatusChanged(9, PENDING, CONFIRMED));
            case CANCELLED -> events.add(new OrderStatusChanged(9, PENDING, CANCELLED));
            case SHIPPED -> events.addAll(List.of(new OrderStatusChanged(9, PENDING, CONFIRMED),
                    new OrderStatusChanged(9, CONFIRMED, SHIPPED)));
            case DELIVERED -> events.addAll(List.of(new OrderStatusChanged(9, PENDING, CONFIRMED),
                    new OrderStatusChanged(9, CONFIRMED, SHIPPED), new OrderStatusChanged(9, SHIPPED, DELIVERED)));
        }
        return events;
    }
}
