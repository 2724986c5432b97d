package dev.shop.order.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The payment of an order.
 *
 * @param method COD or CARD
 * @param status what happened to the order's money
 * @param provider the payment provider ({@code cod} for cash on delivery; absent until a card payment starts)
 * @param reference the provider's reference of the payment the order took (absent until there is one)
 * @param dueBy for a card order waiting for its payment: when it is cancelled unless paid
 * @param session the card payment session opened last, if any
 * @param attempts every payment the providers reported for the order, in order of arrival
 * @param refunds money going back to the customer, due or done
 */
public record Payment(PaymentMethod method, PaymentStatus status, String provider, String reference, Instant dueBy,
        PaymentSession session, List<PaymentAttempt> attempts, List<Refund> refunds) {

    /** The provider name of cash on delivery. */
    public static final String CASH_ON_DELIVERY = "cod";

    public Payment {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(status, "status");
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
        refunds = refunds == null ? List.of() : List.copyOf(refunds);
    }

    /** The payment of a new order: nothing taken yet. */
    public static Payment initial(PaymentMethod method) {
        return new Payment(method, PaymentStatus.PENDING, method == PaymentMethod.COD ? CASH_ON_DELIVERY : null, null,
                null, null, List.of(), List.of());
    }

    public Payment withStatus(PaymentStatus next) {
        return new Payment(method, next, provider, reference, dueBy, session, attempts, refunds);
    }

    /** The session that still takes a payment at {@code now}, if any. */
    public Optional<PaymentSession> openSession(Instant now) {
        return Optional.ofNullable(session).filter(s -> s.isOpenAt(now));
    }

    /** Refunds the provider has not confirmed yet. */
    public List<Refund> refundsDue() {
        return refunds.stream().filter(Refund::isDue).toList();
    }

    public long failedAttempts() {
        return attempts.stream().filter(a -> a.outcome() == PaymentAttempt.Outcome.FAILED).count();
    }

    boolean hasAttempt(String ref, PaymentAttempt.Outcome outcome) {
        return attempts.stream().anyMatch(a -> a.is(ref, outcome));
    }

    Payment due(Instant by) {
        return new Payment(method, status, provider, reference, by, session, attempts, refunds);
    }

    Payment opened(PaymentSession next) {
        return new Payment(method, status, next.provider(), reference, dueBy, next, attempts, refunds);
    }

    Payment captured(PaymentAttempt attempt) {
        return new Payment(method, PaymentStatus.PAID, attempt.provider(), attempt.reference(), dueBy, session,
                plus(attempts, attempt), refunds);
    }

    Payment recorded(PaymentAttempt attempt) {
        return new Payment(method, status, provider, reference, dueBy, session, plus(attempts, attempt), refunds);
    }

    Payment refundDue(Refund refund) {
        return new Payment(method, status, provider, reference, dueBy, session, attempts, plus(refunds, refund));
    }

    /** Takes the reference of a payment that arrived when the order had none (a late one), for the record. */
    Payment taking(String byProvider, String withReference) {
        return new Payment(method, status, byProvider, withReference, dueBy, session, attempts, refunds);
    }

    Payment refunded(String paymentReference, String refundReference, Instant now) {
        List<Refund> next = new ArrayList<>();
        for (Refund r : refunds) {
            next.add(r.isDue() && r.paymentReference().equals(paymentReference) ? r.done(refundReference, now) : r);
        }
        return new Payment(method, status, provider, reference, dueBy, session, attempts, next);
    }

    private static <T> List<T> plus(List<T> list, T item) {
        List<T> next = new ArrayList<>(list);
        next.add(item);
        return next;
    }
}
