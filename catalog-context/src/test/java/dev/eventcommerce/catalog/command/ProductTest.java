package dev.eventcommerce.catalog.command;

import dev.eventcommerce.catalog.api.CreateProduct;
import dev.eventcommerce.catalog.api.DeleteProduct;
import dev.eventcommerce.catalog.api.InvalidProductException;
import dev.eventcommerce.catalog.api.ProductCreated;
import dev.eventcommerce.catalog.api.ProductDeleted;
import dev.eventcommerce.catalog.api.ProductUpdated;
import dev.eventcommerce.catalog.api.UpdateProduct;
import dev.eventcommerce.kernel.axon.IdSequence;
import java.math.BigDecimal;
import java.util.stream.Stream;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProductTest {

    private static final ProductCreated LAMP = new ProductCreated(7, "Lamp", "A desk lamp", new BigDecimal("19.99"), 5);

    private FixtureConfiguration<Product> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Product.class);
        fixture.registerInjectableResource((IdSequence) () -> 7L);
    }

    @Test
    void creatingAProductAllocatesAnIdAndRecordsItsDetails() {
        fixture.givenNoPriorActivity()
                .when(new CreateProduct("Lamp", "A desk lamp", new BigDecimal("19.99"), 5))
                .expectEvents(LAMP)
                .expectResultMessagePayload(7L);
    }

    @Test
    void aPriceIsStoredWithExactlyTwoDecimals() {
        fixture.givenNoPriorActivity()
                .when(new CreateProduct("Lamp", null, new BigDecimal("20"), 0))
                .expectEvents(new ProductCreated(7, "Lamp", null, new BigDecimal("20.00"), 0));
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
                .when(new CreateProduct(name, description, price, quantity))
                .expectException(InvalidProductException.class)
                .expectNoEvents();
    }

    @Test
    void updatingSomeFieldsKeepsTheOthersAndRecordsTheWholeNewState() {
        fixture.given(LAMP)
                .when(new UpdateProduct(7, null, null, new BigDecimal("17.5"), 3))
                .expectEvents(new ProductUpdated(7, "Lamp", "A desk lamp", new BigDecimal("17.50"), 3));
    }

    @Test
    void anUpdateThatChangesNothingRecordsNothing() {
        fixture.given(LAMP)
                .when(new UpdateProduct(7, "Lamp", null, new BigDecimal("19.990"), null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anUpdateBreakingTheRulesIsRejected() {
        fixture.given(LAMP)
                .when(new UpdateProduct(7, null, null, new BigDecimal("0.001"), null))
                .expectException(InvalidProductException.class)
                .expectNoEvents();
    }

    @Test
    void deletingAProductRecordsATombstone() {
        fixture.given(LAMP)
                .when(new DeleteProduct(7))
                .expectEvents(new ProductDeleted(7));
    }

    @Test
    void aDeletedProductCannotBeUpdated() {
        fixture.given(LAMP, new ProductDeleted(7))
                .when(new UpdateProduct(7, "Lamp 2", null, null, null))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
    }

    @Test
    void aDeletedProductCannotBeDeletedAgain() {
        fixture.given(LAMP, new ProductDeleted(7))
                .when(new DeleteProduct(7))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
    }
}
