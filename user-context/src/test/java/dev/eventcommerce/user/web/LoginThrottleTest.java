package dev.eventcommerce.user.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progressive login delay, on a clock of the test's own. */
class LoginThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(5), 20, Duration.ofMinutes(1), 50,
            Duration.ofMinutes(30), now::get);

    @Test
    void afterFiveFailuresTheWaitDoublesWithEachFurtherFailureUpToTheCap() {
        fail("alice", "10.0.0.1", 5);
        assertThat(throttle.secondsToWait("alice", "10.0.0.1")).hasValue(1);

        advance(1);
        assertThat(throttle.secondsToWait("alice", "10.0.0.1")).as("the delay has passed").isEmpty();
        fail("alice", "10.0.0.1", 1);
        assertThat(throttle.secondsToWait("alice", "10.0.0.1")).hasValue(2);
        fail("alice", "10.0.0.1", 1);
        assertThat(throttle.secondsToWait("alice", "10.0.0.1")).hasValue(4);
        fail("alice", "10.0.0.1", 20);
        assertThat(throttle.secondsToWait("alice", "10.0.0.1")).as("capped").hasValue(300);
    }

    @Test
    void anAttackersFailuresDoNotHoldUpTheOwnerFromAnotherAddress() {
        fail("alice", "10.6.6.6", 19);

        assertThat(throttle.secondsToWait("alice", "10.6.6.6")).isPresent();
        assertThat(throttle.secondsToWait("alice", "192.168.1.2")).as("the owner's address").isEmpty();
        assertThat(throttle.secondsToWait("bob", "10.6.6.6")).as("another user, same address").isEmpty();
    }

    @Test
    void manyFailuresFromEverywhereDelayTheUsernameButOnlyUpToItsCap() {
        for (int client = 0; client < 40; client++) {
            fail("admin", "10.0.1." + client, 1);
        }

        OptionalLong wait = throttle.secondsToWait("admin", "192.168.1.2");
        assertThat(wait).isPresent();
        assertThat(wait.getAsLong()).as("never locked: at most the username's cap").isLessThanOrEqualTo(60);
        advance(61);
        assertThat(throttle.secondsToWait("admin", "192.168.1.2")).isEmpty();
    }

    @Test
    void failuresAreCountedPerNormalizedUsername() {
        fail("Alice", "10.0.0.1", 3);
        fail("ＡＬＩＣＥ", "10.0.0.1", 2);

        assertThat(throttle.secondsToWait("alice", "10.0.0.1")).as("one name in any case or width").isPresent();
    }

    @Test
    void aSuccessfulLoginForgivesTheUsernamesFailures() {
        fail("alice", "10.0.0.1", 5);
        advance(1);

        throttle.succeeded("alice", "10.0.0.1");
        fail("alice", "10.0.0.1", 4);

        assertThat(throttle.secondsToWait("alice", "10.0.0.1")).isEmpty();
    }

    @Test
    void stateIsMadeOnlyByFailuresAndIsForgottenAfterAWhile() {
        for (int i = 0; i < 1000; i++) {
            throttle.secondsToWait("user" + i, "10.0.0." + (i % 250));
        }
        assertThat(throttle.entries()).as("asking creates nothing").isZero();

        fail("alice", "10.0.0.1", 1);
        assertThat(throttle.entries()).isEqualTo(3);
        advance(TimeUnit.MINUTES.toSeconds(31));
        assertThat(throttle.entries()).as("forgotten").isZero();
    }

    @Test
    void memoryIsBoundedWhateverIsSent() {
        for (int i = 0; i < LoginThrottle.MAX_ENTRIES; i++) {
            throttle.failed("n" + i, "10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
        }

        assertThat(throttle.entries()).isLessThanOrEqualTo(LoginThrottle.MAX_ENTRIES);
    }

    private void fail(String username, String client, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(username, client);
        }
    }

    private void advance(long seconds) {
        now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }
}
