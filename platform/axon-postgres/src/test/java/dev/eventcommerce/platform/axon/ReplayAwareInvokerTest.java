package dev.eventcommerce.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.eventhandling.GenericEventMessage.asEventMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;

class ReplayAwareInvokerTest {

    private final Projection projection = new Projection();
    private final Mailer mailer = new Mailer();
    private final ReplayAwareInvoker invoker = new ReplayAwareInvoker(new MultiEventHandlerInvoker(
            SimpleEventHandlerInvoker.builder().eventHandlers(projection).build(),
            SimpleEventHandlerInvoker.builder().eventHandlers(mailer).build()));

    @Test
    void liveEventsReachEveryHandler() throws Exception {
        EventMessage<?> live = live("order 1");

        assertThat(invoker.canHandle(live, Segment.ROOT_SEGMENT)).isTrue();
        invoker.handle(live, Segment.ROOT_SEGMENT);

        assertThat(projection.handled).containsExactly("order 1");
        assertThat(mailer.sent).containsExactly("order 1");
    }

    @Test
    void replayedEventsReachOnlyTheHandlersThatTakePartInReplays() throws Exception {
        EventMessage<?> replayed = replayed("order 1");

        assertThat(invoker.canHandle(replayed, Segment.ROOT_SEGMENT)).isTrue();
        invoker.handle(replayed, Segment.ROOT_SEGMENT);

        assertThat(projection.handled).containsExactly("order 1");
        assertThat(mailer.sent).isEmpty();
    }

    @Test
    void aReplayedEventThatOnlyAHandlerOutsideReplaysTakesIsNotForThisProcessor() {
        EventMessage<?> replayed = replayed(42);

        assertThat(invoker.canHandle(replayed, Segment.ROOT_SEGMENT)).isFalse();
        assertThat(invoker.canHandle(live(42), Segment.ROOT_SEGMENT)).isTrue();
    }

    @Test
    void aResetReachesOnlyTheHandlersThatTakePartInReplays() {
        assertThat(invoker.supportsReset()).isTrue();

        invoker.performReset();

        assertThat(projection.resets).hasValue(1);
        assertThat(mailer.resets).hasValue(0);
        assertThat(new ReplayAwareInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(mailer).build())
                .supportsReset()).isFalse();
    }

    @Test
    void eachInvokerIsAskedOnceWhetherItTakesPartInReplays() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        EventHandlerInvoker counting = new EventHandlerInvoker() {
            @Override
            public boolean canHandle(EventMessage<?> eventMessage, Segment segment) {
                return true;
            }

            @Override
            public void handle(EventMessage<?> message, Segment segment) {
            }

            @Override
            public boolean supportsReset() {
                asked.incrementAndGet();
                return true;
            }
        };
        ReplayAwareInvoker once = new ReplayAwareInvoker(counting);

        for (int i = 0; i < 100; i++) {
            once.canHandle(replayed("order " + i), Segment.ROOT_SEGMENT);
            once.handle(replayed("order " + i), Segment.ROOT_SEGMENT);
        }

        assertThat(asked).hasValue(1);
    }

    @Test
    void itAnswersAsAxonsMultiEventHandlerInvokerDoes() throws Exception {
        Projection axonsProjection = new Projection();
        Mailer axonsMailer = new Mailer();
        MultiEventHandlerInvoker axons = new MultiEventHandlerInvoker(
                SimpleEventHandlerInvoker.builder().eventHandlers(axonsProjection).build(),
                SimpleEventHandlerInvoker.builder().eventHandlers(axonsMailer).build());

        for (EventMessage<?> event : List.of(live("order 1"), replayed("order 2"), live(3), replayed(4))) {
            assertThat(invoker.canHandle(event, Segment.ROOT_SEGMENT))
                    .isEqualTo(axons.canHandle(event, Segment.ROOT_SEGMENT));
            invoker.handle(event, Segment.ROOT_SEGMENT);
            axons.handle(event, Segment.ROOT_SEGMENT);
        }
        invoker.performReset();
        axons.performReset();

        assertThat(invoker.supportsReset()).isEqualTo(axons.supportsReset());
        assertThat(projection.handled).isEqualTo(axonsProjection.handled);
        assertThat(mailer.sent).isEqualTo(axonsMailer.sent);
        assertThat(projection.resets).hasValue(axonsProjection.resets.get());
        assertThat(mailer.resets).hasValue(axonsMailer.resets.get());
    }

    private static EventMessage<?> live(Object payload) {
        return new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(5), asEventMessage(payload));
    }

    private static TrackedEventMessage<?> replayed(Object payload) {
        GlobalSequenceTrackingToken position = new GlobalSequenceTrackingToken(5);
        return new GenericTrackedEventMessage<>(
                ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(10), position), asEventMessage(payload));
    }

    static class Projection {

        final List<String> handled = new ArrayList<>();
        final AtomicInteger resets = new AtomicInteger();

        @EventHandler
        void on(String event) {
            handled.add(event);
        }

        @ResetHandler
        void reset() {
            resets.incrementAndGet();
        }
    }

    @DisallowReplay
    static class Mailer {

        final List<String> sent = new ArrayList<>();
        final AtomicInteger resets = new AtomicInteger();

        @EventHandler
        void on(String event) {
            sent.add(event);
        }

        @EventHandler
        void on(Integer event) {
            sent.add("number " + event);
        }

        @ResetHandler
        void reset() {
            resets.incrementAndGet();
        }
    }
}
