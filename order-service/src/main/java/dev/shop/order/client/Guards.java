package dev.shop.order.client;

import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import dev.shop.kit.problem.ProblemException;
import dev.shop.order.config.OrderConfig;
import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;

/**
 * The resilience of the synchronous calls checkout and card payments make: per attempt a timeout; retries on
 * timeouts, connection failures and 5xx answers (checkout's calls are reads, and Razorpay's are made repeatable, so
 * repeating them is safe); a circuit breaker per service, so a service that is down is answered 503 at once instead of
 * holding every caller for the full timeout. A 4xx answer is neither retried nor counted against the service.
 */
final class Guards {

    private Guards() {
    }

    static <T> TypedGuard<Uni<T>> of(String service, OrderConfig.Dependency settings, TypeLiteral<Uni<T>> type) {
        long delay = Math.max(0, settings.retryDelay().toMillis());
        return TypedGuard.create(type)
                .withDescription("calls to " + service)
                .withRetry()
                .maxRetries(Math.max(0, settings.retries()))
                .delay(delay, ChronoUnit.MILLIS)
                .jitter(delay, ChronoUnit.MILLIS)
                .abortOn(DependencyRefused.class)
                .done()
                .withCircuitBreaker()
                .name("order-service-" + service)
                .requestVolumeThreshold(Math.max(1, settings.circuitVolume()))
                .failureRatio(settings.circuitFailureRatio())
                .delay(settings.circuitDelay().toMillis(), ChronoUnit.MILLIS)
                .skipOn(DependencyRefused.class)
                .onStateChange(state -> Log.infof("Circuit of %s is now %s", service, state))
                .done()
                .withTimeout()
                .duration(settings.timeout().toMillis(), ChronoUnit.MILLIS)
                .done()
                .withThreadOffload(false)
                .build();
    }

    /**
     * What the caller is told when a call failed for good: a token the service refused is 401, anything else 503 (the
     * checkout can be retried with the same Idempotency-Key).
     */
    static ProblemException problem(String service, OrderConfig.Dependency settings, Throwable failure) {
        if (failure instanceof ProblemException problem) {
            return problem;
        }
        if (failure instanceof DependencyRefused refused && refused.status() == 401) {
            return ProblemException.unauthorized("Your token was refused by " + service + "; sign in again");
        }
        if (failure instanceof DependencyRefused refused) {
            Log.errorf("%s refused a checkout call with status %d", service, refused.status());
            return new DependencyDown(service + " refused the checkout; nothing was ordered, try again shortly", 1);
        }
        long retryAfter = Math.max(1, settings.circuitDelay().toSeconds());
        if (failure instanceof CircuitBreakerOpenException) {
            return new DependencyDown(service + " is unavailable; try again shortly", retryAfter);
        }
        String why = failure instanceof TimeoutException
                || failure instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException
                        ? "did not answer in time"
                        : "could not be reached";
        Log.warnf("Call to %s failed: %s", service, failure.toString());
        return new DependencyDown(service + " " + why + "; nothing was ordered, try again shortly", 1);
    }
}
