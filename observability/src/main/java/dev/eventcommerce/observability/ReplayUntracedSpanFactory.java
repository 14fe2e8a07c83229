package dev.eventcommerce.observability;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessorSpanFactory;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.tracing.Span;
import org.axonframework.tracing.SpanScope;

/**
 * Traces live events and leaves replayed ones out. A replay handles every stored event again, long after
 * the request that caused it; a span for each (and for each handler under it) would be noise in the
 * tracing backend and cost a replay a good share of its speed. A replayed event is handled under a
 * parent that is not sampled, so the handler spans below it are not recorded either.
 */
class ReplayUntracedSpanFactory implements EventProcessorSpanFactory {

    private static final io.opentelemetry.api.trace.Span UNSAMPLED = io.opentelemetry.api.trace.Span.wrap(
            SpanContext.create("0000000000000000000000000000000f", "000000000000000f", TraceFlags.getDefault(),
                    TraceState.getDefault()));

    private final EventProcessorSpanFactory live;

    ReplayUntracedSpanFactory(EventProcessorSpanFactory live) {
        this.live = live;
    }

    @Override
    public Span createBatchSpan(boolean isStreaming, List<? extends EventMessage<?>> batch) {
        return !batch.isEmpty() && batch.stream().allMatch(ReplayToken::isReplay)
                ? new UnsampledSpan() : live.createBatchSpan(isStreaming, batch);
    }

    @Override
    public Span createProcessEventSpan(boolean isStreaming, EventMessage<?> event) {
        return ReplayToken.isReplay(event) ? new UnsampledSpan() : live.createProcessEventSpan(isStreaming, event);
    }

    /** Makes an unsampled parent current while it runs; records nothing. */
    static final class UnsampledSpan implements Span {

        private Scope scope;

        @Override
        public Span start() {
            scope = Context.current().with(UNSAMPLED).makeCurrent();
            return this;
        }

        @Override
        public SpanScope makeCurrent() {
            Scope current = Context.current().with(UNSAMPLED).makeCurrent();
            return current::close;
        }

        @Override
        public void end() {
            if (scope != null) {
                scope.close();
                scope = null;
            }
        }

        @Override
        public Span recordException(Throwable t) {
            return this;
        }
    }
}
