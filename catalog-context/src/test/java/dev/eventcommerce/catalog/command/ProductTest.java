package dev.eventcommerce.catalog.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.catalog.api.CreateProduct;
import dev.eventcommerce.catalog.api.DeleteProduct;
import dev.eventcommerce.catalog.api.InvalidProductException;
import dev.eventcommerce.catalog.api.ProductChangeNotAllowedException;
import dev.eventcommerce.catalog.api.ProductCreated;
import dev.eventcommerce.catalog.api.ProductDeleted;
import dev.eventcommerce.catalog.api.ProductUpdated;
import dev.eventcommerce.catalog.api.ReleaseStock;
import dev.eventcommerce.catalog.api.ReserveStock;
import dev.eventcommerce.catalog.api.StockReleased;
import dev.eventcommerce.catalog.api.StockReservationRejected;
import dev.eventcommerce.catalog.api.StockReservationVoided;
import dev.eventcommerce.catalog.api.StockReserved;
import dev.eventcommerce.catalog.api.UpdateProduct;
import dev.eventcommerce.platform.axon.AxonPostgresAutoConfiguration;
import dev.eventcommerce.platform.axon.IdSequence;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProductTest {

    private static final long OWNER = 11;
    private static final long ADMIN = 1;
    private static final long SOMEONE_ELSE = 12;
    private static final ProductCreated LAMP =
            new ProductCreated(7, "Lamp", "A desk lamp", new BigDecimal("19.99"), 5, OWNER);
    /** As stored before owners were recorded: the payload has no ownerId. */
    private static final String LEGACY_LAMP =
            "{\"productId\":7,\"name\":\"Lamp\",\"description\":\"A desk lamp\",\"price\":19.99,\"quantity\":5}";

    private FixtureConfiguration<Product> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Product.class);
        fixture.registerInjectableResource((IdSequence) () -> 7L);
    }

    @Test
    void creatingAProductAllocatesAnIdAndRecordsItsDetails() {
        fixture.givenNoPriorActivity()
                .when(new CreateProduct("Lamp", "A desk lamp", new BigDecimal("19.99"), 5, OWNER))
                .expectEvents(LAMP)
                .expectResultMessagePayload(7L);
    }

    @Test
    void aPriceIsStoredWithExactlyTwoDecimals() {
        fixture.givenNoPriorActivity()
                .when(new CreateProduct("Lamp", null, new BigDecimal("20"), 0, OWNER))
                .expectEvents(new ProductCreated(7, "Lamp", null, new BigDecimal("20.00"), 0, OWNER));
    }

    static Stream<Arguments> invalidProducts() {
        return Stream.of(
                Arguments.of("", "blank name", new BigDecimal("1.00"), 1),
                Arguments.of("   ", "whitespace name", new BigDecimal("1.00"), 1),
                Arguments.of("x".repeat(256), "name too long", new BigDecimal("1.00"), 1),
                Arguments.of("Lamp", "d".repeat(1001), new BigDecimal("1.00"), 1),
                Arguments.of("Lamp", "zero price", BigDecimal.ZERO, 1),
                Arguments.of("Lamp", "negative price", new BigDecimal("-1.00"), 1),
                Arguments.of("Lamp", "three decimals", new BigDecimal("1.001"), 1),
                Arguments.of("Lamp", "overflowing price", new BigDecimal("100000000.00"), 1),
                Arguments.of("Lamp", "negative quantity", new BigDecimal("1.00"), -1),
                Arguments.of("Lamp\u0000", "NUL in the name", new BigDecimal("1.00"), 1),
                Arguments.of("Lamp", "bell \u0007 in the description", new BigDecimal("1.00"), 1));
    }

    @ParameterizedTest
    @MethodSource("invalidProducts")
    void aProductBreakingTheRulesIsRejected(String name, String description, BigDecimal price, int quantity) {
        fixture.givenNoPriorActivity()
                .when(new CreateProduct(name, description, price, quantity, OWNER))
                .expectException(InvalidProductException.class)
                .expectNoEvents();
    }

    @Test
    void updatingSomeFieldsKeepsTheOthersAndRecordsTheWholeNewState() {
        fixture.given(LAMP)
                .when(new UpdateProduct(7, null, null, new BigDecimal("17.5"), 3, OWNER, false))
                .expectEvents(new ProductUpdated(7, "Lamp", "A desk lamp", new BigDecimal("17.50"), 3));
    }

    @Test
    void anUpdateThatChangesNothingRecordsNothing() {
        fixture.given(LAMP)
                .when(new UpdateProduct(7, "Lamp", null, new BigDecimal("19.990"), null, OWNER, false))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anUpdateBreakingTheRulesIsRejected() {
        fixture.given(LAMP)
                .when(new UpdateProduct(7, null, null, new BigDecimal("0.001"), null, OWNER, false))
                .expectException(InvalidProductException.class)
                .expectNoEvents();
    }

    @Test
    void deletingAProductRecordsATombstone() {
        fixture.given(LAMP)
                .when(new DeleteProduct(7, OWNER, false))
                .expectEvents(new ProductDeleted(7));
    }

    @Test
    void aDeletedProductCannotBeUpdated() {
        fixture.given(LAMP, new ProductDeleted(7))
                .when(new UpdateProduct(7, "Lamp 2", null, null, null, OWNER, false))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
    }

    @Test
    void aDeletedProductCannotBeDeletedAgain() {
        fixture.given(LAMP, new ProductDeleted(7))
                .when(new DeleteProduct(7, OWNER, false))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
    }

    @Test
    void theOwnerUpdatesItsProduct() {
        fixture.given(LAMP)
                .when(new UpdateProduct(7, "Lamp 2", null, null, null, OWNER, false))
                .expectEvents(new ProductUpdated(7, "Lamp 2", "A desk lamp", new BigDecimal("19.99"), 5));
    }

    @Test
    void anotherUserMayNeitherUpdateNorDeleteAProductAndNothingIsRecorded() {
        fixture.given(LAMP)
                .when(new UpdateProduct(7, null, null, new BigDecimal("1.00"), null, SOMEONE_ELSE, false))
                .expectException(ProductChangeNotAllowedException.class)
                .expectExceptionMessage("Product 7 belongs to another user; only its owner or an admin may change or delete it")
                .expectNoEvents();
        fixture.given(LAMP)
                .when(new DeleteProduct(7, SOMEONE_ELSE, false))
                .expectException(ProductChangeNotAllowedException.class)
                .expectNoEvents();
    }

    @Test
    void anotherUsersInvalidUpdateIsRefusedForWhoAsksBeforeWhatIsAsked() {
        fixture.given(LAMP)
                .when(new UpdateProduct(7, null, null, BigDecimal.ZERO, null, SOMEONE_ELSE, false))
                .expectException(ProductChangeNotAllowedException.class)
                .expectNoEvents();
    }

    @Test
    void anAdminMayUpdateAndDeleteAnyonesProduct() {
        fixture.given(LAMP)
                .when(new UpdateProduct(7, null, null, new BigDecimal("18.00"), null, ADMIN, true))
                .expectEvents(new ProductUpdated(7, "Lamp", "A desk lamp", new BigDecimal("18.00"), 5));
        fixture.given(LAMP)
                .when(new DeleteProduct(7, ADMIN, true))
                .expectEvents(new ProductDeleted(7));
    }

    @Test
    void aProductCreatedEventStoredBeforeOwnersReadsAsOwnedByNoOne() {
        Serializer serializer = new AxonPostgresAutoConfiguration().serializer();

        ProductCreated stored = serializer.deserialize(new SimpleSerializedObject<>(
                LEGACY_LAMP.getBytes(StandardCharsets.UTF_8), byte[].class, ProductCreated.class.getName(), null));

        assertThat(stored).isEqualTo(new ProductCreated(7, "Lamp", "A desk lamp", new BigDecimal("19.99"), 5, null));
    }

    @Test
    void aProductWithoutARecordedOwnerMayBeChangedOnlyByAnAdmin() {
        ProductCreated legacy = new ProductCreated(7, "Lamp", "A desk lamp", new BigDecimal("19.99"), 5, null);
        for (long user : new long[] {OWNER, 0}) {
            fixture.given(legacy)
                    .when(new UpdateProduct(7, null, null, new BigDecimal("1.00"), null, user, false))
                    .expectException(ProductChangeNotAllowedException.class)
                    .expectExceptionMessage("Product 7 has no recorded owner (it predates owners); only an admin may change or delete it")
                    .expectNoEvents();
            fixture.given(legacy)
                    .when(new DeleteProduct(7, user, false))
                    .expectException(ProductChangeNotAllowedException.class)
                    .expectNoEvents();
        }
        fixture.given(legacy)
                .when(new UpdateProduct(7, null, null, new BigDecimal("1.00"), null, ADMIN, true))
                .expectEvents(new ProductUpdated(7, "Lamp", "A desk lamp", new BigDecimal("1.00"), 5));
        fixture.given(legacy)
                .when(new DeleteProduct(7, ADMIN, true))
                .expectEvents(new ProductDeleted(7));
    }

    @Test
    void ownershipDoesNotStandInTheWayOfStockRequests() {
        fixture.given(new ProductCreated(7, "Lamp", "A desk lamp", new BigDecimal("19.99"), 5, null))
                .when(new ReserveStock(7, 100, 2))
                .expectEvents(new StockReserved(7, 100, 2, 3));
    }

    @Test
    void aReservationWithinTheStockTakesItsUnits() {
        fixture.given(LAMP)
                .when(new ReserveStock(7, 100, 2))
                .expectEvents(new StockReserved(7, 100, 2, 3));
    }

    @Test
    void theWholeStockCanBeReserved() {
        fixture.given(LAMP)
                .when(new ReserveStock(7, 100, 5))
                .expectEvents(new StockReserved(7, 100, 5, 0));
    }

    @Test
    void aReservationBeyondTheStockIsRejectedAndLeavesTheStockAsItWas() {
        fixture.given(LAMP, new StockReserved(7, 100, 4, 1))
                .when(new ReserveStock(7, 101, 2))
                .expectEvents(new StockReservationRejected(7, 101, 2, "insufficient stock"));
        fixture.given(LAMP, new StockReserved(7, 100, 4, 1), new StockReservationRejected(7, 101, 2, "insufficient stock"))
                .when(new ReserveStock(7, 102, 1))
                .expectEvents(new StockReserved(7, 102, 1, 0));
    }

    @Test
    void aRepeatedReservationForTheSameOrderRecordsNothing() {
        fixture.given(LAMP, new StockReserved(7, 100, 2, 3))
                .when(new ReserveStock(7, 100, 2))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aRepeatedRequestForARefusedOrderRecordsNothing() {
        fixture.given(LAMP, new StockReservationRejected(7, 100, 9, "insufficient stock"))
                .when(new ReserveStock(7, 100, 9))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void releasingAReservationGivesItsUnitsBack() {
        fixture.given(LAMP, new StockReserved(7, 100, 2, 3), new StockReserved(7, 101, 1, 2))
                .when(new ReleaseStock(7, 100, "cancelled"))
                .expectEvents(new StockReleased(7, 100, 2, 4));
    }

    @Test
    void aSecondReleaseRecordsNothing() {
        fixture.given(LAMP, new StockReserved(7, 100, 2, 3), new StockReleased(7, 100, 2, 5))
                .when(new ReleaseStock(7, 100, "cancelled"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aReleaseForAnOrderNeverReservedIsRememberedSoThatItsLateReservationIsRefused() {
        fixture.given(LAMP)
                .when(new ReleaseStock(7, 100, "cancelled"))
                .expectEvents(new StockReservationVoided(7, 100));
        fixture.given(LAMP, new StockReservationVoided(7, 100))
                .when(new ReserveStock(7, 100, 2))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(LAMP, new StockReservationVoided(7, 100))
                .when(new ReleaseStock(7, 100, "cancelled"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aReleaseOfARefusedOrderRecordsNothing() {
        fixture.given(LAMP, new StockReservationRejected(7, 100, 9, "insufficient stock"))
                .when(new ReleaseStock(7, 100, "cancelled"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aDeletedProductRejectsReservationsButStillReleasesWhatItHolds() {
        fixture.given(LAMP, new ProductDeleted(7))
                .when(new ReserveStock(7, 100, 1))
                .expectEvents(new StockReservationRejected(7, 100, 1, "product deleted"));
        fixture.given(LAMP, new StockReserved(7, 99, 2, 3), new ProductDeleted(7))
                .when(new ReleaseStock(7, 99, "cancelled"))
                .expectEvents(new StockReleased(7, 99, 2, 5));
    }

    @Test
    void theStockNeverGoesBelowZero() {
        fixture.given(LAMP, new StockReserved(7, 1, 2, 3), new StockReserved(7, 2, 3, 0))
                .when(new ReserveStock(7, 3, 1))
                .expectEvents(new StockReservationRejected(7, 3, 1, "insufficient stock"));
    }

    @Test
    void aRestockSetsTheAvailableStockAndKeepsTheReservations() {
        fixture.given(LAMP, new StockReserved(7, 100, 5, 0))
                .when(new UpdateProduct(7, null, null, null, 10, OWNER, false))
                .expectEvents(new ProductUpdated(7, "Lamp", "A desk lamp", new BigDecimal("19.99"), 10));
        fixture.given(LAMP, new StockReserved(7, 100, 5, 0), new ProductUpdated(7, "Lamp", "A desk lamp",
                        new BigDecimal("19.99"), 10))
                .when(new ReleaseStock(7, 100, "cancelled"))
                .expectEvents(new StockReleased(7, 100, 5, 15));
    }
}
