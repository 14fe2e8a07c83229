package dev.eventcommerce.platform.axon;

import java.util.List;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;

/**
 * The event handler invoker of a processor, as Axon's {@link MultiEventHandlerInvoker} (which it takes apart), except
 * that it asks each of its invokers once whether it takes part in replays, instead of for every event.
 *
 * <p>Axon asks that for every event twice (when it picks the events of a batch and when it hands one to the
 * handlers), and each answer walks all the handler methods of the component and their annotations: on a replay that
 * was 6% of the processor's CPU. The answer cannot change: the handler methods of a component are fixed when the
 * processor is built. One more difference: a released segment is passed on to the invokers (Axon's ignores it, so
 * that a dead-lettering invoker never hears of it).
 */
public final class ReplayAwareInvoker implements EventHandlerInvoker {

    private final List<EventHandlerInvoker> delegates;
    private final boolean[] replayed;
    private final boolean anyReplayed;

    public ReplayAwareInvoker(EventHandlerInvoker invoker) {
        this.delegates = invoker instanceof MultiEventHandlerInvoker multi ? List.copyOf(multi.delegates())
                : List.of(invoker);
        this.replayed = new boolean[delegates.size()];
        boolean any = false;
        for (int i = 0; i < replayed.length; i++) {
            replayed[i] = delegates.get(i).supportsReset();
            any |= replayed[i];
        }
        this.anyReplayed = any;
    }

    @Override
    public boolean canHandle(EventMessage<?> eventMessage, Segment segment) {
        boolean replay = ReplayToken.isReplay(eventMessage);
        for (int i = 0; i < replayed.length; i++) {
            if ((replayed[i] || !replay) && delegates.get(i).canHandle(eventMessage, segment)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean canHandleType(Class<?> payloadType) {
        return delegates.stream().anyMatch(delegate -> delegate.canHandleType(payloadType));
    }

    @Override
    public void handle(EventMessage<?> message, Segment segment) throws Exception {
        boolean replay = ReplayToken.isReplay(message);
        for (int i = 0; i < replayed.length; i++) {
            EventHandlerInvoker delegate = delegates.get(i);
            if ((replayed[i] || !replay) && delegate.canHandle(message, segment)) {
                delegate.handle(message, segment);
            }
        }
    }

    @Override
    public boolean supportsReset() {
        return anyReplayed;
    }

    @Override
    public void performReset() {
        performReset(null);
    }

    @Override
    public <R> void performReset(R resetContext) {
        for (int i = 0; i < replayed.length; i++) {
            if (replayed[i]) {
                delegates.get(i).performReset(resetContext);
            }
        }
    }

    @Override
    public void segmentReleased(Segment segment) {
        delegates.forEach(delegate -> delegate.segmentReleased(segment));
    }
}
