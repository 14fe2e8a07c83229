package dev.eventcommerce.ordering.command;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.eventcommerce.ordering.api.OrderStatus.CANCELLED;
import static dev.eventcommerce.ordering.api.OrderStatus.CONFIRMED;
import static dev.eventcommerce.ordering.api.OrderStatus.DELIVERED;
import static dev.eventcommerce.ordering.api.OrderStatus.PENDING;
import static dev.eventcommerce.ordering.api.OrderStatus.REJECTED;
import static dev.eventcommerce.ordering.api.OrderStatus.SHIPPED;

import dev.eventcommerce.platform.axon.IdSequence;
import dev.eventcommerce.platform.axon.AxonPostgresAutoConfiguration;
import dev.eventcommerce.ordering.api.ChangeOrderStatus;
import dev.eventcommerce.ordering.api.ConfirmOrder;
import dev.eventcommerce.ordering.api.DeleteOrder;
import dev.eventcommerce.ordering.api.IllegalTransitionException;
import dev.eventcommerce.ordering.api.InvalidOrderException;
import dev.eventcommerce.ordering.api.OrderDeleted;
import dev.eventcommerce.ordering.api.OrderKeptByTheShopException;
import dev.eventcommerce.ordering.api.OrderNotFoundException;
import dev.eventcommerce.ordering.api.OrderPlaced;
import dev.eventcommerce.ordering.api.OrderStatus;
import dev.eventcommerce.ordering.api.OrderStatusChanged;
import dev.eventcommerce.ordering.api.PlaceOrder;
import dev.eventcommerce.ordering.api.RejectOrder;
import dev.eventcommerce.ordering.api.StatusChangeNotAllowedException;
import dev.eventcommerce.ordering.api.StatusSetByTheReservationException;
import java.nio.charset.StandardCharsets;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.Serializer;
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

    /** The lifecycle as requests may move it: confirmed and rejected are never asked for. */
    private static final Map<OrderStatus, Set<OrderStatus>> LEGAL = Map.of(
            PENDING, Set.of(CANCELLED),
            CONFIRMED, Set.of(SHIPPED, CANCELLED),
            SHIPPED, Set.of(DELIVERED),
            DELIVERED, Set.of(),
            CANCELLED, Set.of(),
            REJECTED, Set.of());

    private FixtureConfiguration<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Order.class);
        fixture.registerInjectableResource((IdSequence) () -> 9L);
        fixture.registerInjectableResource(new OrderLimits(100));
    }

    @Test
    void placingAnOrderPricesItExactlyInDecimals() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(OWNER, 3, "Lamp", 2, new BigDecimal("199.99")))
                .expectEvents(PLACED)
                .expectResultMessagePayload(9L);
    }

    @Test
    void placingAnOrderDoesNotCheckTheStockTheProductDecides() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(OWNER, 3, "Lamp", 100, new BigDecimal("1.50")))
                .expectEvents(new OrderPlaced(9, OWNER, 3, "Lamp", 100, new BigDecimal("1.50"),
                        new BigDecimal("150.00")));
    }

    @Test
    void aQuantityAboveTheLimitPerOrderIsRejected() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(OWNER, 3, "Lamp", 101, new BigDecimal("1.50")))
                .expectException(InvalidOrderException.class)
                .expectExceptionMessage("quantity must be at most 100 per order")
                .expectNoEvents();
    }

    @Test
    void theLimitPerOrderIsTheConfiguredOne() {
        FixtureConfiguration<Order> strict = new AggregateTestFixture<>(Order.class);
        strict.registerInjectableResource((IdSequence) () -> 9L);
        strict.registerInjectableResource(new OrderLimits(3));
        strict.givenNoPriorActivity()
                .when(new PlaceOrder(OWNER, 3, "Lamp", 4, new BigDecimal("1.50")))
                .expectException(InvalidOrderException.class)
                .expectExceptionMessage("quantity must be at most 3 per order")
                .expectNoEvents();
        strict.givenNoPriorActivity()
                .when(new PlaceOrder(OWNER, 3, "Lamp", 3, new BigDecimal("1.50")))
                .expectEvents(new OrderPlaced(9, OWNER, 3, "Lamp", 3, new BigDecimal("1.50"), new BigDecimal("4.50")));
    }

    @Test
    void aZeroQuantityIsRejected() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(OWNER, 3, "Lamp", 0, new BigDecimal("1.00")))
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
        if (to.isSetByTheReservation()) {
            result.expectException(StatusSetByTheReservationException.class).expectNoEvents();
        } else if (legal) {
            result.expectEvents(new OrderStatusChanged(9, from, to, null, to == CANCELLED));
        } else {
            result.expectException(IllegalTransitionException.class).expectNoEvents();
        }
    }

    @Test
    void theCustomerMayCancelItsOrderWhichReleasesItsStock() {
        fixture.given(PLACED)
                .when(new ChangeOrderStatus(9, CANCELLED, OWNER, false, null))
                .expectEvents(new OrderStatusChanged(9, PENDING, CANCELLED, null, true));
        fixture.given(PLACED, new OrderStatusChanged(9, PENDING, CONFIRMED))
                .when(new ChangeOrderStatus(9, CANCELLED, OWNER, false, null))
                .expectEvents(new OrderStatusChanged(9, CONFIRMED, CANCELLED, null, true));
    }

    @Test
    void theCustomerMayNotShipOrDeliverItsOwnOrder() {
        fixture.given(PLACED, new OrderStatusChanged(9, PENDING, CONFIRMED))
                .when(new ChangeOrderStatus(9, SHIPPED, OWNER, false, null))
                .expectException(StatusChangeNotAllowedException.class)
                .expectNoEvents();
    }

    @Test
    void nobodyMayAskForConfirmedOrRejected() {
        fixture.given(PLACED)
                .when(new ChangeOrderStatus(9, CONFIRMED, 1, true, null))
                .expectException(StatusSetByTheReservationException.class)
                .expectNoEvents();
        fixture.given(PLACED)
                .when(new ChangeOrderStatus(9, REJECTED, OWNER, false, null))
                .expectException(StatusSetByTheReservationException.class)
                .expectNoEvents();
    }

    @Test
    void catalogsReservationConfirmsAPendingOrder() {
        fixture.given(PLACED)
                .when(new ConfirmOrder(9))
                .expectEvents(new OrderStatusChanged(9, PENDING, CONFIRMED, null, false));
    }

    @Test
    void catalogsRejectionRejectsAPendingOrderWithTheReason() {
        fixture.given(PLACED)
                .when(new RejectOrder(9, "insufficient stock", false))
                .expectEvents(new OrderStatusChanged(9, PENDING, REJECTED, "insufficient stock", false));
    }

    @Test
    void theDeadlinesRejectionReleasesTheStock() {
        fixture.given(PLACED)
                .when(new RejectOrder(9, "catalog did not answer within 30s", true))
                .expectEvents(new OrderStatusChanged(9, PENDING, REJECTED, "catalog did not answer within 30s", true));
    }

    static Stream<Arguments> repliesThatNoLongerApply() {
        List<Arguments> cases = new ArrayList<>();
        for (OrderStatus status : List.of(CONFIRMED, REJECTED, CANCELLED, SHIPPED, DELIVERED)) {
            cases.add(Arguments.of(status, new ConfirmOrder(9)));
            cases.add(Arguments.of(status, new RejectOrder(9, "insufficient stock", false)));
            cases.add(Arguments.of(status, new RejectOrder(9, "catalog did not answer within 30s", true)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} for a {0} order")
    @MethodSource("repliesThatNoLongerApply")
    void aReplyForAnOrderNoLongerPendingRecordsNothing(OrderStatus status, Object reply) {
        fixture.given(historyUpTo(status))
                .when(reply)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void shippingAndDeliveringKeepTheStock() {
        fixture.given(historyUpTo(SHIPPED))
                .when(new ChangeOrderStatus(9, DELIVERED, 1, true, null))
                .expectEvents(new OrderStatusChanged(9, SHIPPED, DELIVERED, null, false));
    }

    @Test
    void statusChangesStoredBeforeReasonsAndReleasesStillLoad() {
        Serializer serializer = new AxonPostgresAutoConfiguration().serializer();
        byte[] stored = "{\"orderId\":9,\"from\":\"pending\",\"to\":\"cancelled\"}".getBytes(StandardCharsets.UTF_8);

        OrderStatusChanged event = serializer.deserialize(new SimpleSerializedObject<>(stored, byte[].class,
                OrderStatusChanged.class.getName(), null));

        assertThat(event).isEqualTo(new OrderStatusChanged(9, PENDING, CANCELLED, null, false));
        fixture.given(PLACED, event)
                .when(new ConfirmOrder(9))
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
        fixture.given(PLACED, new OrderStatusChanged(9, PENDING, CONFIRMED))
                .when(new ChangeOrderStatus(9, SHIPPED, 1, true, null))
                .expectEvents(new OrderStatusChanged(9, CONFIRMED, SHIPPED));
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
                .expectEvents(new OrderDeleted(9, true));
    }

    @Test
    void deletingAnOrderReleasesItsStockOnlyIfItMayHoldSome() {
        fixture.given(historyUpTo(CONFIRMED))
                .when(new DeleteOrder(9, OWNER, false, null))
                .expectEvents(new OrderDeleted(9, true));
        for (OrderStatus status : List.of(SHIPPED, DELIVERED, CANCELLED, REJECTED)) {
            fixture.given(historyUpTo(status))
                    .when(new DeleteOrder(9, 1, true, null))
                    .expectEvents(new OrderDeleted(9, false));
        }
    }

    @Test
    void theCustomerCannotDeleteAShippedOrDeliveredOrderTheShopKeepsIt() {
        for (OrderStatus status : List.of(SHIPPED, DELIVERED)) {
            fixture.given(historyUpTo(status))
                    .when(new DeleteOrder(9, OWNER, false, null))
                    .expectException(OrderKeptByTheShopException.class)
                    .expectExceptionMessage("Order 9 is " + status.value() + ": the shop keeps shipped and delivered "
                            + "orders on record, so only the shop can delete it")
                    .expectNoEvents();
        }
    }

    @Test
    void theCustomerMayDeleteItsOrderUntilItIsShipped() {
        for (OrderStatus status : List.of(PENDING, CONFIRMED, CANCELLED, REJECTED)) {
            fixture.given(historyUpTo(status))
                    .when(new DeleteOrder(9, OWNER, false, null))
                    .expectEvents(new OrderDeleted(9, status.mayHoldStock()));
        }
    }

    @Test
    void deletionsStoredBeforeReleasesStillLoad() {
        Serializer serializer = new AxonPostgresAutoConfiguration().serializer();
        byte[] stored = "{\"orderId\":9}".getBytes(StandardCharsets.UTF_8);

        OrderDeleted event = serializer.deserialize(new SimpleSerializedObject<>(stored, byte[].class,
                OrderDeleted.class.getName(), null));

        assertThat(event).isEqualTo(new OrderDeleted(9, false));
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
        fixture.given(PLACED, new OrderDeleted(9, true))
                .when(new ChangeOrderStatus(9, CANCELLED, OWNER, false, null))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
    }

    private static List<Object> historyUpTo(OrderStatus status) {
        List<Object> events = new ArrayList<>(List.of(PLACED));
        switch (status) {
            case PENDING -> { }
            case CONFIRMED -> events.add(new OrderStatusChanged(9, PENDING, CONFIRMED));
            case CANCELLED -> events.add(new OrderStatusChanged(9, PENDING, CANCELLED, null, true));
            case REJECTED -> events.add(new OrderStatusChanged(9, PENDING, REJECTED, "insufficient stock", false));
            case SHIPPED -> events.addAll(List.of(new OrderStatusChanged(9, PENDING, CONFIRMED),
                    new OrderStatusChanged(9, CONFIRMED, SHIPPED)));
            case DELIVERED -> events.addAll(List.of(new OrderStatusChanged(9, PENDING, CONFIRMED),
                    new OrderStatusChanged(9, CONFIRMED, SHIPPED), new OrderStatusChanged(9, SHIPPED, DELIVERED)));
        }
        return events;
    }
}
