package dev.eventcommerce.platform.axon;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.api.Location;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import java.time.Duration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.EventProcessingAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.axonframework.springboot.autoconfig.NoOpTransactionAutoConfiguration;
import org.axonframework.springboot.autoconfig.TransactionAutoConfiguration;
import org.axonframework.springboot.util.DeadLetterQueueProviderConfigurerModule;
import org.axonframework.tracing.SpanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/**
 * Axon on PostgreSQL without Axon Server, written once for every context: the JDBC event, token, saga and
 * dead-letter stores (tables from this module's Flyway migrations {@code db/axon}), Spring transactions for
 * Axon's units of work, one Jackson serializer for everything Axon stores, and the read-your-writes
 * barrier.
 *
 * <p>Declared here rather than left to Axon's own auto-configuration: Axon 4.13's conditions name Spring
 * Boot 3's class names, so on Boot 4 its JDBC and transaction auto-configurations see no DataSource and
 * no transaction manager, and Axon would silently fall back to in-memory tokens and no transactions.
 */
@AutoConfiguration(
        after = {DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
                JdbcClientAutoConfiguration.class},
        before = {AxonAutoConfiguration.class, JdbcAutoConfiguration.class, TransactionAutoConfiguration.class,
                NoOpTransactionAutoConfiguration.class, EventProcessingAutoConfiguration.class})
@EnableConfigurationProperties(ReadYourWritesProperties.class)
@EnableScheduling
public class AxonPostgresAutoConfiguration {

    /** Events read per query by streaming processors: large enough that a replay is not one round trip per 100. */
    static final int EVENT_FETCH_SIZE = 1000;

    static final String MIGRATIONS = "classpath:db/axon";

    /**
     * Events, tokens, snapshots and sagas are stored as JSON by a mapper of their own, so that web-layer
     * Jackson settings never change what is stored. Unknown properties are tolerated (old events read by
     * new code); polymorphic types are allowed only for Axon's own classes, which the replay token needs.
     */
    @Bean
    @Primary
    @ConditionalOnMissingBean(Serializer.class)
    public Serializer serializer() {
        return new CachingJackson3Serializer(serializerSettings());
    }

    static Jackson3Serializer.Builder serializerSettings() {
        return Jackson3Serializer.builder()
                .lenientDeserialization()
                .jsonMapperBuilderCustomizer(builder -> builder.polymorphicTypeValidator(
                        BasicPolymorphicTypeValidator.builder().allowIfSubType("org.axonframework.").build()));
    }

    /**
     * Axon's tables (this module's {@code db/axon} migrations, V0_x) migrate with the context's own
     * ({@code spring.flyway.locations}, {@code db/migration} by default), whatever locations a context names.
     */
    @Bean
    public FlywayConfigurationCustomizer axonMigrations() {
        return flyway -> {
            List<Location> locations = new ArrayList<>(List.of(flyway.getLocations()));
            locations.add(0, new Location(MIGRATIONS));
            flyway.locations(locations.toArray(Location[]::new));
        };
    }

    @Bean
    @ConditionalOnMissingBean
    public TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    @Bean
    @ConditionalOnMissingBean
    public ConnectionProvider connectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    @Bean
    @ConditionalOnMissingBean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        // PostgreSQL's unique_violation: a concurrent append to the same aggregate sequence (Axon's
        // JdbcSQLErrorCodesResolver only knows a JDBC exception class this driver never throws)
        return new SQLStateResolver("23505");
    }

    @Bean
    @ConditionalOnMissingBean
    public EventStorageEngine eventStorageEngine(Serializer serializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 org.axonframework.config.Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager) {
        return new PostgresEventStorageEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .batchSize(EVENT_FETCH_SIZE));
    }

    @Bean
    @ConditionalOnProperty("eventcommerce.ids.sequence")
    public IdSequence idSequence(JdbcClient jdbcClient, @Value("${eventcommerce.ids.sequence}") String sequence) {
        if (!sequence.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalStateException("eventcommerce.ids.sequence is not a sequence name: " + sequence);
        }
        String sql = "SELECT nextval('" + sequence + "')";
        return () -> jdbcClient.sql(sql).query(Long.class).single();
    }

    /** Aggregates that name it are snapshotted every {@code eventcommerce.snapshots.threshold} events. */
    @Bean
    public SnapshotTriggerDefinition snapshotTrigger(Snapshotter snapshotter,
                                                     @Value("${eventcommerce.snapshots.threshold}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /**
     * Aggregates that name it ({@code @Aggregate(cache = "aggregateCache")}) are kept between commands while
     * they are current (see {@link FreshAggregateCache}); a size of 0 keeps none (tests of loading from the store).
     */
    @Bean
    @ConditionalOnMissingBean(name = "aggregateCache")
    public Cache aggregateCache(JdbcClient jdbcClient, ObjectProvider<MeterRegistry> meters,
                                @Value("${eventcommerce.aggregates.cache-size:10000}") int size) {
        return size <= 0 ? NoCache.INSTANCE
                : new FreshAggregateCache(size, jdbcClient, meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    @ConditionalOnMissingBean
    public BatchedStatements batchedStatements(JdbcTemplate jdbcTemplate) {
        return new BatchedStatements(jdbcTemplate);
    }

    @Bean
    @ConditionalOnMissingBean
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer,
                                 @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .claimTimeout(claimTimeout)
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    public SagaStore<Object> sagaStore(ConnectionProvider connectionProvider, Serializer serializer) {
        return JdbcSagaStore.builder()
                .connectionProvider(connectionProvider)
                .sqlSchema(new PostgresSagaSqlSchema())
                .serializer(serializer)
                .build();
    }

    @Bean
    @ConditionalOnMissingBean(name = "deadLetterQueueProviderConfigurerModule")
    public DeadLetterQueueProviderConfigurerModule deadLetterQueueProviderConfigurerModule(
            EventProcessorProperties eventProcessorProperties, ConnectionProvider connectionProvider,
            TransactionManager transactionManager, Serializer serializer,
            @Qualifier("eventSerializer") Serializer eventSerializer) {
        DeadLetterSchema schema = DeadLetterSchema.defaultSchema();
        return new DeadLetterQueueProviderConfigurerModule(eventProcessorProperties,
                processingGroup -> configuration -> JdbcSequencedDeadLetterQueue.builder()
                        .processingGroup(processingGroup)
                        .connectionProvider(connectionProvider)
                        .transactionManager(transactionManager)
                        .schema(schema)
                        .genericSerializer(serializer)
                        .eventSerializer(eventSerializer)
                        .build());
    }

    /**
     * A failing event handler stops its processor at that event (it retries with back-off and shows the error
     * on /admin/processors) instead of Axon's default of logging and skipping it, which would leave a read
     * model silently different from the event store.
     */
    @Bean
    public ConfigurerModule propagateHandlerFailures() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
    }

    /**
     * Whatever span factory the service declares (observability's OpenTelemetry one) makes no spans while a
     * replayed event is handled (see {@link ReplayUntracedSpanFactory}; the processors' half is applied by
     * {@link TrackingProcessors}).
     */
    @Bean
    static BeanPostProcessor replayUntracedSpans() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof SpanFactory spans ? ReplayUntracedSpanFactory.wrap(spans) : bean;
            }
        };
    }

    /** Every processor's segments shared by the instances of the context (see {@link SegmentBalancer}). */
    @Bean
    @ConditionalOnMissingBean
    public SegmentBalancer segmentBalancer(org.axonframework.config.Configuration axonConfiguration,
                                           JdbcClient jdbcClient,
                                           @Value("${eventcommerce.processors.balance-interval:2s}") Duration interval) {
        return new SegmentBalancer(axonConfiguration, jdbcClient, interval);
    }

    @Bean
    @ConditionalOnMissingBean
    public ProjectionBarrier projectionBarrier(org.axonframework.config.Configuration axonConfiguration,
                                               JdbcClient jdbcClient,
                                               ReadYourWritesProperties properties) {
        return new ProjectionBarrier(axonConfiguration, jdbcClient, properties.timeout());
    }
}
