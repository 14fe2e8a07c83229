package dev.eventcommerce.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.axonframework.eventhandling.GenericEventMessage.asEventMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.junit.jupiter.api.Test;

class SharedEmptyResultTest {

    private final AtomicInteger providerCalls = new AtomicInteger();
    private final CorrelationDataProvider actor = message -> {
        providerCalls.incrementAndGet();
        return Map.of("user_id", 7);
    };
    private final SimpleEventBus eventBus = SimpleEventBus.builder().build();

    @Test
    void eventsWhoseHandlersReturnNothingDoNotRunTheCorrelationDataProviders() {
        Handler handler = new Handler();
        start(handler, true);

        eventBus.publish(asEventMessage("a"), asEventMessage("b"), asEventMessage("c"));

        assertThat(handler.handled).containsExactly("a", "b", "c");
        assertThat(providerCalls).hasValue(0);
    }

    @Test
    void withoutItAxonRunsThemOncePerEvent() {
        start(new Handler(), false);

        eventBus.publish(asEventMessage("a"), asEventMessage("b"), asEventMessage("c"));

        assertThat(providerCalls).hasValue(3);
    }

    @Test
    void aMessageThatAHandlerMakesStillCarriesTheCorrelationData() {
        Handler handler = new Handler();
        start(handler, true);

        eventBus.publish(asEventMessage("send"));

        assertThat(handler.sent).singleElement()
                .satisfies(sent -> assertThat(sent.getMetaData()).containsEntry("user_id", 7));
    }

    @Test
    void aHandlersFailureStillFailsTheBatch() {
        start(new Handler(), true);

        assertThatThrownBy(() -> eventBus.publish(asEventMessage("fail")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("handler failed");
    }

    private void start(Handler handler, boolean sharedEmptyResult) {
        SubscribingEventProcessor processor = SubscribingEventProcessor.builder()
                .name("test")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(handler)
                        .listenerInvocationErrorHandler(PropagatingErrorHandler.instance()) // as in the services
                        .build())
                .messageSource(eventBus)
                .build();
        if (sharedEmptyResult) {
            processor.registerHandlerInterceptor(new SharedEmptyResult());
        }
        processor.registerHandlerInterceptor(new CorrelationDataInterceptor<>(actor));
        processor.start();
    }

    static class Handler {

        final List<String> handled = new ArrayList<>();
        final List<EventMessage<?>> sent = new ArrayList<>();

        @EventHandler
        void on(String event) {
            if (event.equals("fail")) {
                throw new IllegalStateException("handler failed");
            }
            if (event.equals("send")) {
                sent.add(asEventMessage("sent by the handler"));
            }
            handled.add(event);
        }
    }
}
