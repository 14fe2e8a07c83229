package dev.eventcommerce.ordering.command;

import com.github.kagkarlsson.scheduler.Scheduler;
import java.time.Duration;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * The stock reservation saga's resources: its timeout and a persistent deadline manager (Axon's
 * db-scheduler one, on ordering_db's {@code scheduled_tasks}). Scheduling joins the saga's transaction
 * (a transaction-aware data source), so a deadline exists exactly when the saga that set it was stored.
 * Declared here because Axon's own db-scheduler auto-configuration expects db-scheduler's Spring Boot
 * starter, which is not used.
 */
@Configuration(proxyBeanMethods = false)
class StockReservationConfiguration {

    @Bean
    StockReservationTimeout stockReservationTimeout(
            @Value("${eventcommerce.ordering.reservation-timeout:30s}") Duration timeout) {
        return new StockReservationTimeout(timeout);
    }

    @Bean(destroyMethod = "")
    Scheduler deadlineScheduler(DataSource dataSource, ApplicationContext context,
                                @Value("${eventcommerce.ordering.deadline-polling-interval:500ms}") Duration polling) {
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource),
                        DbSchedulerDeadlineManager.binaryTask(() -> context.getBean(DbSchedulerDeadlineManager.class)))
                .pollingInterval(polling)
                .threads(2)
                .alwaysPersistTimestampInUTC()
                .commitWhenAutocommitDisabled(false)
                .build();
    }

    /**
     * Started once everything else runs (the last lifecycle phase) and stopped first, so that no deadline
     * fires before the sagas can handle it.
     */
    @Bean
    SmartLifecycle deadlineSchedulerLifecycle(Scheduler deadlineScheduler) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                deadlineScheduler.start();
                running = true;
            }

            @Override
            public void stop() {
                deadlineScheduler.stop();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return Integer.MAX_VALUE - 1000;
            }
        };
    }

    @Bean
    DbSchedulerDeadlineManager deadlineManager(Scheduler deadlineScheduler,
                                               org.axonframework.config.Configuration configuration,
                                               Serializer serializer, TransactionManager transactionManager) {
        return DbSchedulerDeadlineManager.builder()
                .scheduler(deadlineScheduler)
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(configuration))
                .serializer(serializer)
                .transactionManager(transactionManager)
                .startScheduler(false)
                .stopScheduler(false)
                .build();
    }
}
