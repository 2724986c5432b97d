package dev.shop.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.shop.gateway.proxy.CircuitBreaker.State;

/** The breaker every proxied request passes: a rolling window of outcomes, an open delay, trial exchanges. */
class CircuitBreakerTest {

    private final AtomicLong clock = new AtomicLong();
    private final List<State> changes = new ArrayList<>();

    private CircuitBreaker breaker(int volume, double ratio, int successes) {
        return new CircuitBreaker(volume, ratio, Duration.ofSeconds(5), successes, clock::get, changes::add);
    }

    @Test
    void opensOnlyOnceTheWindowIsFullAndHoldsEnoughFailures() {
        CircuitBreaker breaker = breaker(4, 0.5, 1);
        breaker.onFailure();
        breaker.onFailure();
        breaker.onSuccess();
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        breaker.onSuccess();
        // Full window, 2 of 4 failed: ratio reached.
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.tryAcquire()).isFalse();
        assertThat(changes).containsExactly(State.OPEN);
    }

    @Test
    void oldOutcomesLeaveTheRollingWindow() {
        CircuitBreaker breaker = breaker(4, 0.5, 1);
        breaker.onFailure();
        breaker.onSuccess();
        breaker.onSuccess();
        breaker.onSuccess();
        // The first failure drops out of the last four, so two more are needed.
        breaker.onSuccess();
        breaker.onFailure();
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        breaker.onFailure();
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void afterTheDelayTrialsCloseItOrOneFailureOpensItAgain() {
        CircuitBreaker breaker = breaker(2, 1.0, 2);
        breaker.onFailure();
        breaker.onFailure();
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        clock.addAndGet(Duration.ofSeconds(4).toNanos());
        assertThat(breaker.tryAcquire()).isFalse();
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        breaker.onFailure();
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.tryAcquire()).isFalse();

        clock.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onSuccess();
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        breaker.onSuccess();
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        // Closed with an empty window: one failure does not open it.
        breaker.onFailure();
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(changes).containsExactly(State.OPEN, State.HALF_OPEN, State.OPEN, State.HALF_OPEN, State.CLOSED);
    }

    @Test
    void refusesSettingsThatCouldNeverWork() {
        assertThatThrownBy(() -> breaker(0, 0.5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> breaker(4, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> breaker(4, 1.5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> breaker(4, 0.5, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
