package dev.eventcommerce.notification.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogNotificationChannelTest {

    @Test
    void aProductNameCannotForgeALogLine() {
        String text = "Thank you for your order #1: 1 x Lamp\nINFO forged line \"quoted\"\r";

        String escaped = LogNotificationChannel.escaped(text);

        assertThat(escaped).doesNotContain("\n").doesNotContain("\r")
                .isEqualTo("Thank you for your order #1: 1 x Lamp\\nINFO forged line \\\"quoted\\\"\\r");
    }
}
