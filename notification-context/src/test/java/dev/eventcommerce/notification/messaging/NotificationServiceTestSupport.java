package dev.eventcommerce.notification.messaging;

import dev.eventcommerce.platform.testing.TestTokens;
import dev.eventcommerce.platform.testing.TestDatabases;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The notification service under test: its own database and RabbitMQ names, a test signing key. */
final class NotificationServiceTestSupport {

    /** Ids no other test of this JVM uses, so tests sharing a database never see each other's rows. */
    private static final AtomicLong IDS = new AtomicLong(1_000_000 + (System.nanoTime() % 1_000_000) * 100);

    private NotificationServiceTestSupport() {
    }

    /** A service of {@link NotificationServiceTest}; the test class names its {@link TestBroker} itself. */
    static void properties(DynamicPropertyRegistry registry) {
        String database = TestDatabases.create("notification_it");
        registry.add("spring.datasource.url", () -> database);
        TestTokens.verifier(registry);
        TestTokens.revocations(registry);
        registry.add("eventcommerce.notifications.retry.initial-backoff", () -> "50ms");
    }

    static long uniqueId() {
        return IDS.incrementAndGet();
    }

    static String messageId() {
        return UUID.randomUUID().toString();
    }

    /** Polls until the condition holds or the time is up; the caller asserts afterwards. */
    static boolean await(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
