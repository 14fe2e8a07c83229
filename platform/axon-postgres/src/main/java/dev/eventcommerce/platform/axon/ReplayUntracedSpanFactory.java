package dev.eventcommerce.platform.axon;

import java.util.List;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessorSpanFactory;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.messaging.Message;
import org.axonframework.tracing.NoOpSpanFactory;
import org.axonframework.tracing.Span;
import org.axonframework.tracing.SpanAttributesProvider;
import org.axonframework.tracing.SpanFactory;

/**
 * Traces live events and leaves replayed ones out. A replay handles every stored event again, long after
 * the request that caused it; a span for each (and for each handler under it) would be noise in the
 * tracing backend and cost a replay a good share of its speed. While a replayed event (or a batch of
 * them) is handled on a thread, every span Axon asks for on that thread is a no-op: nothing is built,
 * no attributes are computed.
 *
 * <p>Two halves, both applied by this module whatever span factories a service declares: a processor's spans
 * ({@link #processorSpans}, in {@link TrackingProcessors}) mark the thread while a replayed batch or event is
 * handled, and the service's {@link SpanFactory} (wrapped by {@link AxonPostgresAutoConfiguration}) makes no-op
 * spans on a marked thread. It relies on Axon opening a processor's batch span around the handling of that batch
 * on the processor's own thread, and on {@link ReplayToken#isReplay} telling replayed events apart, as
 * {@code ReplayUntracedSpanFactoryTest} pins with a real tracking processor.
 */
public final class ReplayUntracedSpanFactory implements SpanFactory {

    private static final ThreadLocal<int[]> REPLAYING = ThreadLocal.withInitial(() -> new int[1]);

    private final SpanFactory live;

    private ReplayUntracedSpanFactory(SpanFactory live) {
        this.live = live;
    }

    /** The given factory's spans, none while a replayed event is handled on the thread. */
    public static SpanFactory wrap(SpanFactory live) {
        return live instanceof ReplayUntracedSpanFactory ? live : new ReplayUntracedSpanFactory(live);
    }

    /** Processor spans: the live ones from Axon's factory, a replay marker for replayed events. */
    static EventProcessorSpanFactory processorSpans(EventProcessorSpanFactory live) {
        return new EventProcessorSpanFactory() {
            @Override
            public Span createBatchSpan(boolean isStreaming, List<? extends EventMessage<?>> batch) {
                return !batch.isEmpty() && batch.stream().allMatch(ReplayToken::isReplay)
                        ? new Replaying() : live.createBatchSpan(isStreaming, batch);
            }

            @Override
            public Span createProcessEventSpan(boolean isStreaming, EventMessage<?> event) {
                return ReplayToken.isReplay(event) ? new Replaying() : live.createProcessEventSpan(isStreaming, event);
            }
        };
    }

    private static boolean replaying() {
        return REPLAYING.get()[0] > 0;
    }

    private SpanFactory current() {
        return replaying() ? NoOpSpanFactory.INSTANCE : live;
    }

    @Override
    public Span createRootTrace(Supplier<String> name) {
        return current().createRootTrace(name);
    }

    @Override
    public Span createLinkedHandlerSpan(Supplier<String> name, Message<?> message, Message<?>... linked) {
        return current().createLinkedHandlerSpan(name, message, linked);
    }

    @Override
    public Span createChildHandlerSpan(Supplier<String> name, Message<?> message, Message<?>... linked) {
        return current().createChildHandlerSpan(name, message, linked);
    }

    @Override
    public Span createHandlerSpan(Supplier<String> name, Message<?> message, boolean isChildTrace, Message<?>... linked) {
        return current().createHandlerSpan(name, message, isChildTrace, linked);
    }

    @Override
    public Span createDispatchSpan(Supplier<String> name, Message<?> message, Message<?>... linked) {
        return current().createDispatchSpan(name, message, linked);
    }

    @Override
    public Span createInternalSpan(Supplier<String> name) {
        return current().createInternalSpan(name);
    }

    @Override
    public Span createInternalSpan(Supplier<String> name, Message<?> message) {
        return current().createInternalSpan(name, message);
    }

    @Override
    public void registerSpanAttributeProvider(SpanAttributesProvider provider) {
        live.registerSpanAttributeProvider(provider);
    }

    @Override
    public <M extends Message<?>> M propagateContext(M message) {
        return current().propagateContext(message);
    }

    /** Marks the thread as handling replayed events while it runs; records nothing. */
    static final class Replaying implements Span {

        private boolean started;

        @Override
        public Span start() {
            if (!started) {
                started = true;
                REPLAYING.get()[0]++;
            }
            return this;
        }

        @Override
        public void end() {
            if (started) {
                started = false;
                REPLAYING.get()[0]--;
            }
        }

        @Override
        public Span recordException(Throwable t) {
            return this;
        }
    }
}
