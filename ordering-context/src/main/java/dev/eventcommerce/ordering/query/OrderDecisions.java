package dev.eventcommerce.ordering.query;

import dev.eventcommerce.ordering.api.OrderStatus;
import dev.eventcommerce.ordering.api.OrderStatusChanged;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The moment a pending order is decided (confirmed, rejected, or cancelled first), told to whoever waits for
 * it on any instance: {@code POST /orders} waits here for the reservation's outcome.
 *
 * <p>The command that decides the order also sends a PostgreSQL notification in its own transaction (this
 * class's event handler runs in the subscribing processor {@value #PROCESSOR}), which PostgreSQL delivers at
 * commit to every instance listening on {@value #CHANNEL}: no polling, no extra transaction, and a rolled-back
 * decision wakes no one. The notification is only a wake-up: a waiter also looks at the event store every
 * {@link #RECHECK}, so a notification missed while the listening connection was being re-opened costs a
 * waiter that long, never a wrong answer.
 *
 * <p>Hand-written on pgjdbc's {@link PGConnection#getNotifications(int)}: Spring Integration's PostgreSQL
 * subscriber listens for its own message table only.
 */
@Component
@ProcessingGroup(OrderDecisions.PROCESSOR)
public class OrderDecisions implements SmartLifecycle {

    static final String PROCESSOR = "order-decisions";
    static final String CHANNEL = "order_decided";
    static final Duration RECHECK = Duration.ofMillis(250);
    /** The listening connection is checked every 10 waits of 500 ms. */
    private static final int ROUNDS_BETWEEN_CHECKS = 10;
    private static final Logger log = LoggerFactory.getLogger(OrderDecisions.class);

    private final JdbcClient jdbc;
    private final DataSourceProperties dataSource;
    private final Map<Long, CountDownLatch> waiting = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile Thread listener;

    OrderDecisions(JdbcClient jdbc, DataSourceProperties dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** In the deciding command's transaction: delivered at its commit, dropped with its rollback. */
    @EventHandler
    void on(OrderStatusChanged event) {
        if (event.from() == OrderStatus.PENDING) {
            jdbc.sql("SELECT pg_notify('" + CHANNEL + "', ?)").param(String.valueOf(event.orderId())).query().singleRow();
        }
    }

    /**
     * Waits until the order is no longer pending, at most {@code timeout}.
     *
     * @return whether it was decided within the time
     */
    public boolean await(long orderId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        CountDownLatch decided = waiting.computeIfAbsent(orderId, id -> new CountDownLatch(1));
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                if (decided.await(Math.min(left, RECHECK.toNanos()), TimeUnit.NANOSECONDS) || decidedInTheStore(orderId)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waiting.remove(orderId, decided);
        }
    }

    /** An order's first event places it; any later one decides it (or deletes it). */
    private boolean decidedInTheStore(long orderId) {
        Long newest = jdbc.sql("SELECT max(sequencenumber) FROM domainevententry WHERE aggregateidentifier = ?")
                .param(String.valueOf(orderId)).query(Long.class).single();
        return newest != null && newest > 0;
    }

    private void listen() {
        while (running) {
            try (Connection connection = DriverManager.getConnection(dataSource.determineUrl(),
                    dataSource.determineUsername(), dataSource.determinePassword())) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection notifications = connection.unwrap(PGConnection.class);
                for (int round = 1; running; round++) {
                    PGNotification[] received = notifications.getNotifications(500);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            wake(notification.getParameter());
                        }
                    }
                    if (round % ROUNDS_BETWEEN_CHECKS == 0) {
                        // waiting for notifications sends nothing: a connection dropped silently (a NAT's idle
                        // timeout) is only found by using it, and then opened again
                        try (Statement check = connection.createStatement()) {
                            check.execute("SELECT 1");
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("Listening for order decisions failed ({}); waiters look at the store meanwhile",
                            e.getMessage());
                    sleep(Duration.ofSeconds(1));
                }
            }
        }
    }

    private void wake(String orderId) {
        try {
            CountDownLatch decided = waiting.get(Long.parseLong(orderId));
            if (decided != null) {
                decided.countDown();
            }
        } catch (NumberFormatException e) {
            log.warn("Not an order id on {}: {}", CHANNEL, orderId);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        Thread thread = new Thread(this::listen, "order-decisions-listener");
        thread.setDaemon(true);
        thread.start();
        listener = thread;
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = listener;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
