package dev.eventcommerce.platform.testing;

import java.time.Duration;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Test configuration (this module is on the test classpath only): a queue a service under test declares under
 * a test's own names ({@link TestMessaging}, prefixed {@value TestMessaging#PREFIX}) is deleted by the broker once
 * unused for {@link #EXPIRES}, since a listener may declare it again after the test's {@link TestMessaging#delete()}
 * ran. The production declarations carry no expiry.
 */
@AutoConfiguration
public class TestQueueExpiry {

    static final Duration EXPIRES = Duration.ofMinutes(10);

    @Bean
    static BeanPostProcessor testQueuesExpire() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof Queue queue) {
                    expire(queue);
                } else if (bean instanceof Declarables declarables) {
                    declarables.getDeclarablesByType(Queue.class).forEach(TestQueueExpiry::expire);
                }
                return bean;
            }
        };
    }

    private static void expire(Queue queue) {
        if (queue.getName().startsWith(TestMessaging.PREFIX)) {
            queue.addArgument("x-expires", (int) EXPIRES.toMillis()); // an int, as QueueBuilder#expires puts it
        }
    }
}
