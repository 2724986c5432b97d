package dev.shop.order.application;

import java.time.Instant;
import java.util.Map;

import dev.shop.contracts.common.Money;
import dev.shop.order.domain.PaymentMethod;
import dev.shop.order.domain.PaymentSession;
import io.smallrye.mutiny.Uni;

/**
 * A way of paying: {@code cod} (cash on delivery: nothing to do online) or a card provider in the manner of Razorpay
 * and Stripe: the service opens a payment session for the order's total, the customer pays on the provider's side, and
 * the provider reports the outcome by a signed webhook (and, on the customer's return, by a signed proof the client
 * forwards). Money goes back by {@link #refund}. Amounts always come from the order, never from the client.
 */
public interface PaymentProvider {

    /** The provider's name, as in {@code /payments/webhooks/{provider}} and in {@code payment.provider}. */
    String name();

    PaymentMethod method();

    /**
     * Opens a session for {@code request.amount()}; the same request twice gives the same session (providers take an
     * idempotency key), so concurrent callers cannot open two.
     */
    Uni<PaymentSession> openSession(SessionRequest request);

    /**
     * Checks a webhook delivery's signature over the raw body and its timestamp, then reads it.
     *
     * @param headers the request headers, names in lower case
     * @throws dev.shop.kit.problem.ProblemException 401 when unsigned, badly signed, tampered with or stale; 400 when
     *         signed but unreadable
     */
    PaymentNotice verifyWebhook(Map<String, String> headers, byte[] body, Instant now);

    /**
     * Checks the proof of payment the client brings back from the provider's checkout (the provider signs it).
     *
     * @throws dev.shop.kit.problem.ProblemException 422 when the proof is not the provider's for this session
     */
    PaymentNotice verifyReturn(PaymentSession session, String paymentId, String signature, Instant now);

    /**
     * Gives {@code request.amount()} of the payment back; the same request twice refunds once (idempotency key).
     *
     * @return the provider's refund reference
     */
    Uni<String> refund(RefundRequest request);

    /**
     * @param orderId the order
     * @param orderNumber the order's number, shown by the provider
     * @param amount the order's total
     * @param expiresAt when the order stops waiting for its payment
     */
    record SessionRequest(String orderId, String orderNumber, Money amount, Instant expiresAt) {
    }

    /**
     * @param idempotencyKey the same for every attempt at this refund
     */
    record RefundRequest(String orderId, String paymentReference, Money amount, String idempotencyKey) {
    }

    /**
     * What the provider reported.
     *
     * @param eventId the provider's event id (the inbox deduplicates on it)
     * @param type the provider's event type, as sent
     * @param kind what it means for the order
     * @param orderId the order it is about (the provider's metadata of the session), if any
     * @param sessionId the session paid through, if any
     * @param reference the provider's payment reference
     * @param amount the amount taken or tried
     * @param reason a failure's reason
     * @param occurredAt when the provider says it happened
     */
    record PaymentNotice(String eventId, String type, Kind kind, String orderId, String sessionId, String reference,
            Money amount, String reason, Instant occurredAt) {

        public enum Kind {
            SUCCEEDED,
            FAILED,
            /** An event type the order does not act on. */
            OTHER
        }
    }
}
