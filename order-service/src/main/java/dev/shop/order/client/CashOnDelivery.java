package dev.shop.order.client;

import java.time.Instant;
import java.util.Map;

import dev.shop.kit.problem.ProblemException;
import dev.shop.order.application.PaymentProvider;
import dev.shop.order.domain.Payment;
import dev.shop.order.domain.PaymentMethod;
import dev.shop.order.domain.PaymentSession;
import io.smallrye.mutiny.Uni;

/** Cash on delivery: the courier collects; there is no session, no webhook and nothing to refund online. */
public final class CashOnDelivery implements PaymentProvider {

    @Override
    public String name() {
        return Payment.CASH_ON_DELIVERY;
    }

    @Override
    public PaymentMethod method() {
        return PaymentMethod.COD;
    }

    @Override
    public Uni<PaymentSession> openSession(SessionRequest request) {
        return Uni.createFrom().failure(ProblemException.businessRule("Cash on delivery is paid to the courier"));
    }

    @Override
    public PaymentNotice verifyWebhook(Map<String, String> headers, byte[] body, Instant now) {
        throw ProblemException.notFound("Cash on delivery sends no webhooks");
    }

    @Override
    public PaymentNotice verifyReturn(PaymentSession session, String paymentId, String signature, Instant now) {
        throw ProblemException.businessRule("Cash on delivery is paid to the courier");
    }

    @Override
    public Uni<String> refund(RefundRequest request) {
        return Uni.createFrom().failure(new IllegalStateException("cash on delivery is not refunded online"));
    }
}
