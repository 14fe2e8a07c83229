package dev.eventcommerce.platform.axon;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.GenericResultMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * An event processor's handler interceptor that hands back one shared empty result message for every event whose
 * handlers return nothing (all of them: an event processor discards what they return and only looks whether the
 * result is an exception, and a handler's exception still propagates as before).
 *
 * <p>Without it Axon wraps each event's {@code null} in a new result message, and a new message takes the unit of
 * work's correlation data: every correlation data provider runs for every event, and the actor's provider reads the
 * event's metadata, which deserializes it. On a replay that was 8% of the processor's CPU for a message nobody reads.
 * Correlation data of messages that handlers do send (a saga's commands) is unchanged: the providers are still
 * registered on the unit of work and run when such a message is made.
 */
final class SharedEmptyResult implements MessageHandlerInterceptor<EventMessage<?>> {

    /** Made with an explicit identifier and metadata, so that it never takes the correlation data of a unit of work. */
    static final ResultMessage<Object> EMPTY = new GenericResultMessage<>(
            new GenericMessage<>("empty-event-handler-result", Object.class, null, MetaData.emptyInstance()));

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        Object result = interceptorChain.proceed();
        return result == null ? EMPTY : result;
    }
}
