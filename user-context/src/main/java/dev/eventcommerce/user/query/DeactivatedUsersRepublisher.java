package dev.eventcommerce.user.query;

import dev.eventcommerce.kernel.auth.DeactivatedUsers;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Redis keeps nothing on disk here: after a Redis restart the revocation set is empty. This component
 * republishes every deactivated user from the read model at start and then periodically, so revocation
 * heals by itself.
 */
@Component
class DeactivatedUsersRepublisher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeactivatedUsersRepublisher.class);

    private final JdbcClient jdbc;
    private final DeactivatedUsers deactivatedUsers;
    private final long intervalSeconds;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "deactivated-users-republish");
        thread.setDaemon(true);
        return thread;
    });

    DeactivatedUsersRepublisher(JdbcClient jdbc, DeactivatedUsers deactivatedUsers,
                                @Value("${eventcommerce.users.revocation-republish-seconds:30}") long intervalSeconds) {
        this.jdbc = jdbc;
        this.deactivatedUsers = deactivatedUsers;
        this.intervalSeconds = intervalSeconds;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        scheduler.scheduleWithFixedDelay(this::republish, 0, intervalSeconds, TimeUnit.SECONDS);
    }

    void republish() {
        try {
            Set<Long> ids = Set.copyOf(jdbc.sql("SELECT id FROM users WHERE NOT is_active").query(Long.class).list());
            deactivatedUsers.add(ids);
        } catch (RuntimeException e) {
            log.warn("Cannot republish deactivated users: {}", e.getMessage());
        }
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
