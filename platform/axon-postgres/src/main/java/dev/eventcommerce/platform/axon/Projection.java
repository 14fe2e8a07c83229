package dev.eventcommerce.platform.axon;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.springframework.util.ClassUtils;

/**
 * A read model built from the event store, and the one way a context declares one:
 * <pre>{@code
 * @Bean
 * ConfigurerModule orderView() {
 *     return Projection.of(OrderView.PROJECTION, 2, 1000, OrderProjection.class);
 * }
 * }</pre>
 * Its handler classes carry {@code @ProcessingGroup(name)} (Axon's idiom for which processor handles them) and
 * between them a {@code @ResetHandler} that clears what a replay rebuilds; a replay is the operations API's
 * ({@code ProcessorOperations}). What the declaration gives, each in one place:
 * <ul>
 * <li>a tracking processor of {@code segments} segments (shared by the instances, one thread each), handling up to
 * {@code batchSize} events per transaction, with every processor speed-up of {@link TrackingProcessors}: the
 * {@link ReplayAwareInvoker}, the {@link SharedEmptyResult}, no spans for replayed events
 * ({@link ReplayUntracedSpanFactory});</li>
 * <li>the event store's fast read path ({@link PostgresEventStorageEngine}) and cached deserialization
 * ({@link CachingJackson3Serializer}), which every processor of the service shares;</li>
 * <li>set-based writes per batch for handlers that use {@link BatchedStatements} (a handler that reads back what
 * it wrote in the same batch writes directly instead);</li>
 * <li>checks at start: the processor's handlers are exactly the declared classes, none is
 * {@code @DisallowReplay}, and one of them has a {@code @ResetHandler}; a projection that would not rebuild
 * cleanly does not start.</li>
 * </ul>
 *
 * @param name      the processing group and processor name, as in {@code @ProcessingGroup}
 * @param segments  the processor's segments: the most threads (over all instances) that work on it at once
 * @param batchSize the most events handled in one transaction: large batches make replays fast and cost live
 *                  traffic nothing (a batch holds only the events that are there)
 * @param handlers  the classes of the projection's handler beans
 */
public record Projection(String name, int segments, int batchSize, List<Class<?>> handlers)
        implements ConfigurerModule {

    public Projection {
        Objects.requireNonNull(name, "name");
        if (segments < 1 || batchSize < 1) {
            throw new IllegalArgumentException(name + ": segments and batch size must be positive");
        }
        handlers = List.copyOf(handlers);
        if (handlers.isEmpty()) {
            throw new IllegalArgumentException(name + ": a projection needs a handler class");
        }
        for (Class<?> handler : handlers) {
            ProcessingGroup group = handler.getAnnotation(ProcessingGroup.class);
            if (group == null || !group.value().equals(name)) {
                throw new IllegalArgumentException(handler.getName() + " is declared for projection " + name
                        + " but is not annotated @ProcessingGroup(\"" + name + "\")");
            }
            if (handler.isAnnotationPresent(DisallowReplay.class)) {
                throw new IllegalArgumentException(handler.getName() + " is @DisallowReplay: a projection's handlers"
                        + " must rebuild it on a replay");
            }
        }
        if (handlers.stream().noneMatch(Projection::hasResetHandler)) {
            throw new IllegalArgumentException(name + ": none of " + handlers + " has a @ResetHandler to clear"
                    + " what a replay rebuilds");
        }
    }

    public static Projection of(String name, int segments, int batchSize, Class<?>... handlers) {
        return new Projection(name, segments, batchSize, Arrays.asList(handlers));
    }

    @Override
    public void configureModule(Configurer configurer) {
        configurer.eventProcessing().registerEventProcessor(name, TrackingProcessors.projection(this));
    }

    /** Fails the start when the processor's handler beans are not the declared classes. */
    void verify(EventHandlerInvoker invoker) {
        List<Class<?>> found = new ArrayList<>();
        collectHandlerClasses(invoker, found);
        boolean undeclared = found.stream().anyMatch(type -> !handlers.contains(type));
        if (undeclared || !found.containsAll(handlers)) {
            throw new IllegalStateException("projection " + name + " is declared with handlers " + handlers
                    + " but its processor has " + found);
        }
    }

    private static void collectHandlerClasses(EventHandlerInvoker invoker, List<Class<?>> found) {
        if (invoker instanceof MultiEventHandlerInvoker multi) {
            multi.delegates().forEach(delegate -> collectHandlerClasses(delegate, found));
        } else if (invoker instanceof SimpleEventHandlerInvoker simple) {
            // Axon's adapters of the handler beans
            simple.eventHandlers().forEach(handler -> found.add(ClassUtils.getUserClass(handler.getTargetType())));
        } else {
            found.add(invoker.getClass());
        }
    }

    private static boolean hasResetHandler(Class<?> type) {
        for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
            for (Method method : current.getDeclaredMethods()) {
                if (method.isAnnotationPresent(ResetHandler.class)) {
                    return true;
                }
            }
        }
        return false;
    }
}
