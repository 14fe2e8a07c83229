package dev.eventcommerce.ordering.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.junit.jupiter.api.Test;

/** A follower's position as an SSE event id, and back. */
class OrderStatusFeedTest {

    @Test
    void aPositionIsItsIndexThenTheIndexesBelowItNotYetSeen() {
        GapAwareTrackingToken position = GapAwareTrackingToken.newInstance(1234, List.of(1230L, 1231L));

        assertThat(OrderStatusFeed.id(position)).isEqualTo("1234_1230_1231");
        assertThat(OrderStatusFeed.position("1234_1230_1231")).isEqualTo(position);
        assertThat(OrderStatusFeed.id(GapAwareTrackingToken.newInstance(7, List.of()))).isEqualTo("7");
    }

    @Test
    void aPositionCoversWhatItPassedExceptItsGaps() {
        GapAwareTrackingToken position = OrderStatusFeed.position("10_8");

        assertThat(OrderStatusFeed.covers(position, 7)).isTrue();
        assertThat(OrderStatusFeed.covers(position, 8)).isFalse();
        assertThat(OrderStatusFeed.covers(position, 10)).isTrue();
        assertThat(OrderStatusFeed.covers(position, 11)).isFalse();
    }

    @Test
    void anEventsIndexIsWhereItMovedThePositionToOrTheGapItFilled() {
        GapAwareTrackingToken before = GapAwareTrackingToken.newInstance(10, List.of(8L));

        assertThat(OrderStatusFeed.indexOf(before, before.advanceTo(12, 10_000))).isEqualTo(12);
        assertThat(OrderStatusFeed.indexOf(before, before.advanceTo(8, 10_000))).isEqualTo(8);
    }

    @Test
    void anIdThisFeedDidNotWriteIsNoPosition() {
        assertThat(List.of("", " ", "abc", "-1", "10_10", "10_11", "10_-2", "10__3", "1.5", "99999999999999999999"))
                .allMatch(id -> OrderStatusFeed.position(id) == null);
        assertThat(OrderStatusFeed.position(null)).isNull();
    }
}
