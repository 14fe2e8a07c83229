package dev.eventcommerce.user.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequestThrottlesTest {

    @Test
    void registrationsAreLimitedPerClientAndForTheWholeService() {
        RequestThrottles throttles = new RequestThrottles(2, 5, Duration.ofHours(1), 5, Duration.ofMinutes(15));

        assertThat(throttles.registration("10.0.0.1")).isEmpty();
        assertThat(throttles.registration("10.0.0.1")).isEmpty();
        assertThat(throttles.registration("10.0.0.1")).as("third from one client").isPresent();
        assertThat(throttles.registration("10.0.0.2")).isEmpty();
        assertThat(throttles.registration("10.0.0.3")).isEmpty();
        assertThat(throttles.registration("10.0.0.4")).isEmpty();
        assertThat(throttles.registration("10.0.0.5")).as("sixth overall, from a new client").isPresent();
    }

    @Test
    void passwordChangesAreLimitedPerUser() {
        RequestThrottles throttles = new RequestThrottles(2, 5, Duration.ofHours(1), 2, Duration.ofMinutes(15));

        assertThat(throttles.passwordChange(7)).isEmpty();
        assertThat(throttles.passwordChange(7)).isEmpty();
        assertThat(throttles.passwordChange(7)).isPresent();
        assertThat(throttles.passwordChange(8)).isEmpty();
    }
}
