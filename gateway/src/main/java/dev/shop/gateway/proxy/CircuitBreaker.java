package dev.shop.gateway.proxy;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The circuit breaker of one upstream, with the semantics of MicroProfile Fault Tolerance's {@code @CircuitBreaker}:
 * <ul>
 * <li><b>closed</b>: every exchange goes through; the outcomes of the last {@code requestVolumeThreshold} exchanges
 * form a rolling window, and when it is full and holds at least {@code ceil(failureRatio × requestVolumeThreshold)}
 * failures the circuit opens;</li>
 * <li><b>open</b>: exchanges are refused without calling the service, for {@code delay};</li>
 * <li><b>half-open</b> after the delay: exchanges go through as trials; {@code successThreshold} successes close the
 * circuit (with an empty window), one failure opens it again.</li>
 * </ul>
 * Outcomes of exchanges that began in an earlier state than the current one (they were under way when it changed) are
 * ignored while open. Plain Java and one short lock: it sits on the path of every proxied request, where a general
 * fault-tolerance library's asynchronous machinery (context propagation, an extra event-loop hop, per-call metrics)
 * cost more than the proxying itself.
 */
final class CircuitBreaker {

    enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    private final boolean[] window;
    private final int failureThreshold;
    private final long delayNanos;
    private final int successThreshold;
    private final LongSupplier nanoClock;
    private final Consumer<State> onChange;

    private State state = State.CLOSED;
    private int next;
    private int recorded;
    private int failures;
    private long openedAt;
    private int trialSuccesses;

    /**
     * @param onChange told about every change of state (after it happened, while no other outcome is recorded)
     */
    CircuitBreaker(int requestVolumeThreshold, double failureRatio, Duration delay, int successThreshold,
            LongSupplier nanoClock, Consumer<State> onChange) {
        if (requestVolumeThreshold < 1 || failureRatio <= 0 || failureRatio > 1 || successThreshold < 1
                || delay.isNegative()) {
            throw new IllegalArgumentException("invalid circuit-breaker settings");
        }
        this.window = new boolean[requestVolumeThreshold];
        this.failureThreshold = (int) Math.ceil(failureRatio * requestVolumeThreshold);
        this.delayNanos = delay.toNanos();
        this.successThreshold = successThreshold;
        this.nanoClock = nanoClock;
        this.onChange = onChange;
    }

    /** Whether an exchange may go to the service now; false while the circuit is open. */
    synchronized boolean tryAcquire() {
        if (state == State.OPEN) {
            if (nanoClock.getAsLong() - openedAt < delayNanos) {
                return false;
            }
            trialSuccesses = 0;
            moveTo(State.HALF_OPEN);
        }
        return true;
    }

    /** An exchange completed (an answer of any status, or a failure caused by the client). */
    synchronized void onSuccess() {
        if (state == State.HALF_OPEN) {
            if (++trialSuccesses >= successThreshold) {
                clearWindow();
                moveTo(State.CLOSED);
            }
        } else if (state == State.CLOSED) {
            record(false);
            openIfTooManyFailed();
        }
    }

    /** An exchange failed: no connection, no answer in time, or the connection dropped. */
    synchronized void onFailure() {
        if (state == State.HALF_OPEN) {
            open();
        } else if (state == State.CLOSED) {
            record(true);
            openIfTooManyFailed();
        }
    }

    synchronized State state() {
        return state;
    }

    /** A full window with enough failures opens the circuit, whichever outcome filled it. */
    private void openIfTooManyFailed() {
        if (recorded >= window.length && failures >= failureThreshold) {
            open();
        }
    }

    private void record(boolean failure) {
        if (recorded == window.length && window[next]) {
            failures--;
        }
        window[next] = failure;
        if (failure) {
            failures++;
        }
        next = (next + 1) % window.length;
        recorded = Math.min(recorded + 1, window.length);
    }

    private void open() {
        openedAt = nanoClock.getAsLong();
        clearWindow();
        moveTo(State.OPEN);
    }

    private void clearWindow() {
        Arrays.fill(window, false);
        next = 0;
        recorded = 0;
        failures = 0;
    }

    private void moveTo(State to) {
        if (state != to) {
            state = to;
            onChange.accept(to);
        }
    }
}
