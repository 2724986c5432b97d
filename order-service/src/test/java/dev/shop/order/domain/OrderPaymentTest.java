package dev.shop.order.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.shop.contracts.common.Money;
import dev.shop.contracts.orders.OrderCancelled;
import dev.shop.contracts.orders.OrderPaid;
import dev.shop.contracts.orders.OrderPaymentFailed;
import dev.shop.contracts.orders.OrderRefunded;
import dev.shop.kit.problem.ProblemException;

/** Card payments in the order's state machine: every report is recorded once, and money the order cannot keep goes back. */
class OrderPaymentTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(15);

    private static Order awaiting() {
        Order o = Order.place("o1", "SO-2026-7K3F9Q", "u1",
                List.of(OrderLine.of("p1", "SKU-1", "Brake pads", null, new Money(129_900, "INR"), 2)),
                new Money(0, "INR"), new ShippingAddress("Asha Rao", "+919876543210", "12 MG Road", null, null,
                        "Bengaluru", "Karnataka", "560001", "IN"),
                PaymentMethod.CARD, null, new Placement("key-00000001", "fp", null, List.of()), T0);
        o.stockReserved(T0, WINDOW);
        return o;
    }

    private static PaymentSession session(Order o, Instant expiresAt) {
        return new PaymentSession("s1", "fake-card", "s1_secret", null, o.totals().total(), T0, expiresAt);
    }

    @Test
    void aSessionIsOpenedOnceForTheTotalAndOnlyWhileTheOrderWaitsForItsPayment() {
        Order o = awaiting();
        o.openPaymentSession(session(o, T0.plus(WINDOW)), T0);
        PaymentSession other = new PaymentSession("s2", "fake-card", "s2_secret", null, o.totals().total(), T0,
                T0.plus(WINDOW));

        o.openPaymentSession(other, T0.plusSeconds(5));

        assertThat(o.payment().openSession(T0.plusSeconds(5))).get().extracting(PaymentSession::id).isEqualTo("s1");
        assertThat(o.payment().openSession(T0.plus(WINDOW))).as("expired").isEmpty();

        Order paid = awaiting();
        paid.paymentSucceeded("fake-card", "pay_1", "s1", paid.totals().total(), T0);
        assertThatThrownBy(() -> paid.openPaymentSession(session(paid, T0.plus(WINDOW)), T0))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(409));

        Order pending = Order.place("o2", "SO-2026-7K3F9R", "u1",
                List.of(OrderLine.of("p1", "SKU-1", "Brake pads", null, new Money(100, "INR"), 1)),
                new Money(0, "INR"), paid.shippingAddress(), PaymentMethod.CARD, null,
                new Placement("key-00000002", "fp", null, List.of()), T0);
        assertThatThrownBy(() -> pending.requirePayable(T0)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.getMessage()).contains("not ready for payment yet"));

        Order cash = Order.place("o3", "SO-2026-7K3F9S", "u1", pending.lines(), new Money(0, "INR"),
                paid.shippingAddress(), PaymentMethod.COD, null, new Placement("key-00000003", "fp", null, List.of()),
                T0);
        assertThatThrownBy(() -> cash.requirePayable(T0))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(422));
    }

    @Test
    void theSamePaymentReportedTwiceIsPaidOnce() {
        Order o = awaiting();

        List<Object> first = o.paymentSucceeded("fake-card", "pay_1", "s1", o.totals().total(), T0);
        List<Object> again = o.paymentSucceeded("fake-card", "pay_1", "s1", o.totals().total(), T0.plusSeconds(1));

        assertThat(first).singleElement().isInstanceOfSatisfying(OrderPaid.class, e -> {
            assertThat(e.amount()).isEqualTo(o.totals().total());
            assertThat(e.reference()).isEqualTo("pay_1");
        });
        assertThat(again).isEmpty();
        assertThat(o.payment().attempts()).hasSize(1);
        assertThat(o.payment().reference()).isEqualTo("pay_1");
        assertThat(o.status()).isEqualTo(OrderState.PAID);
    }

    @Test
    void aPaymentOfAnotherAmountIsRecordedAndRefundedAndTheOrderKeepsWaiting() {
        Order o = awaiting();

        assertThat(o.paymentSucceeded("fake-card", "pay_x", "s1", new Money(1, "INR"), T0)).isEmpty();

        assertThat(o.status()).isEqualTo(OrderState.AWAITING_PAYMENT);
        assertThat(o.payment().refundsDue()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(OrderRefunded.AMOUNT_MISMATCH);
            assertThat(r.amount()).isEqualTo(new Money(1, "INR"));
        });
        assertThat(o.payment().reference()).isNull();
        assertThat(o.paymentSucceeded("fake-card", "pay_2", "s1", o.totals().total(), T0)).hasSize(1);
        assertThat(o.status()).isEqualTo(OrderState.PAID);
    }

    @Test
    void aPaymentAfterTheCancellationIsRecordedAndRefunded() {
        Order o = awaiting();
        o.cancel(Actor.CUSTOMER, "Changed my mind", T0);
        assertThat(o.payment().status()).isEqualTo(PaymentStatus.VOIDED);

        assertThat(o.paymentSucceeded("fake-card", "pay_late", "s1", o.totals().total(), T0.plusSeconds(60)))
                .isEmpty();

        assertThat(o.status()).isEqualTo(OrderState.CANCELLED);
        assertThat(o.payment().status()).isEqualTo(PaymentStatus.REFUND_DUE);
        assertThat(o.payment().reference()).isEqualTo("pay_late");
        assertThat(o.payment().refundsDue()).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(OrderRefunded.LATE_PAYMENT));

        List<Object> refunded = o.refunded("pay_late", "rf_1", T0.plusSeconds(61));
        assertThat(refunded).singleElement().isInstanceOfSatisfying(OrderRefunded.class, e -> {
            assertThat(e.reason()).isEqualTo(OrderRefunded.LATE_PAYMENT);
            assertThat(e.refundReference()).isEqualTo("rf_1");
            assertThat(e.amount()).isEqualTo(o.totals().total());
        });
        assertThat(o.payment().status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(o.refunded("pay_late", "rf_1", T0.plusSeconds(62))).as("confirmed again").isEmpty();
        assertThat(o.paymentSucceeded("fake-card", "pay_late", "s1", o.totals().total(), T0)).isEmpty();
        assertThat(o.payment().refunds()).hasSize(1);
    }

    @Test
    void aSecondPaymentOfAPaidOrderIsRefundedAndTheOrderStaysPaid() {
        Order o = awaiting();
        o.paymentSucceeded("fake-card", "pay_1", "s1", o.totals().total(), T0);

        assertThat(o.paymentSucceeded("fake-card", "pay_2", "s1", o.totals().total(), T0)).isEmpty();

        assertThat(o.status()).isEqualTo(OrderState.PAID);
        assertThat(o.payment().status()).isEqualTo(PaymentStatus.PAID);
        assertThat(o.payment().reference()).isEqualTo("pay_1");
        assertThat(o.payment().refundsDue()).singleElement().satisfies(r -> {
            assertThat(r.paymentReference()).isEqualTo("pay_2");
            assertThat(r.reason()).isEqualTo(OrderRefunded.DUPLICATE_PAYMENT);
        });
    }

    @Test
    void cancellingAPaidOrderMakesItsRefundDueUntilTheProviderConfirmsIt() {
        Order o = awaiting();
        o.paymentSucceeded("fake-card", "pay_1", "s1", o.totals().total(), T0);

        assertThat(o.cancel(Actor.ADMIN, "Out of stock after all", T0)).singleElement()
                .isInstanceOfSatisfying(OrderCancelled.class, e -> assertThat(e.refundDue()).isTrue());
        assertThat(o.payment().status()).isEqualTo(PaymentStatus.REFUND_DUE);
        assertThat(o.payment().refundsDue()).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(OrderRefunded.ORDER_CANCELLED));

        assertThat(o.refunded("pay_1", "rf_9", T0)).hasSize(1);
        assertThat(o.payment().status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(o.payment().refundsDue()).isEmpty();
    }

    @Test
    void aFailedPaymentIsRecordedOnceAndTheOrderKeepsWaiting() {
        Order o = awaiting();

        assertThat(o.paymentFailed("fake-card", "pay_1", "s1", null, "card_declined", T0)).singleElement()
                .isInstanceOfSatisfying(OrderPaymentFailed.class, e -> {
                    assertThat(e.reason()).isEqualTo("card_declined");
                    assertThat(e.failedAttempts()).isEqualTo(1);
                    assertThat(e.amount()).isEqualTo(o.totals().total());
                });
        assertThat(o.paymentFailed("fake-card", "pay_1", "s1", null, "card_declined", T0)).isEmpty();
        assertThat(o.paymentFailed("fake-card", "pay_2", "s1", null, "insufficient_funds", T0)).singleElement()
                .isInstanceOfSatisfying(OrderPaymentFailed.class, e -> assertThat(e.failedAttempts()).isEqualTo(2));
        assertThat(o.status()).isEqualTo(OrderState.AWAITING_PAYMENT);

        // A provider that keeps one reference for a payment intent reports success under the failed one's reference.
        assertThat(o.paymentSucceeded("fake-card", "pay_2", "s1", o.totals().total(), T0)).hasSize(1);
        assertThat(o.payment().attempts()).extracting(PaymentAttempt::outcome).containsExactly(
                PaymentAttempt.Outcome.FAILED, PaymentAttempt.Outcome.FAILED, PaymentAttempt.Outcome.SUCCEEDED);
    }

    @Test
    void anOrderNotPaidByItsDueTimeIsCancelledBySystem() {
        Order o = awaiting();

        assertThat(o.expirePayment(T0.plus(WINDOW).minusSeconds(1))).isEmpty();
        assertThat(o.expirePayment(T0.plus(WINDOW))).singleElement().isInstanceOfSatisfying(OrderCancelled.class,
                e -> {
                    assertThat(e.cancelledBy()).isEqualTo("SYSTEM");
                    assertThat(e.previousStatus()).isEqualTo("AWAITING_PAYMENT");
                    assertThat(e.refundDue()).isFalse();
                    assertThat(e.reason()).isEqualTo(Cancellation.PAYMENT_TIMEOUT);
                });
        assertThat(o.status()).isEqualTo(OrderState.CANCELLED);
        assertThat(o.expirePayment(T0.plus(WINDOW.multipliedBy(2)))).isEmpty();

        Order paid = awaiting();
        paid.paymentSucceeded("fake-card", "pay_1", "s1", paid.totals().total(), T0);
        assertThat(paid.expirePayment(T0.plus(Duration.ofDays(1)))).isEmpty();
        assertThat(paid.status()).isEqualTo(OrderState.PAID);
    }
}
