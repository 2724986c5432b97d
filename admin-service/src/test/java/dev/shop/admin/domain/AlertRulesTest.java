package dev.shop.admin.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.shop.contracts.catalog.StockLow;
import dev.shop.contracts.common.Money;
import dev.shop.contracts.orders.OrderCancelled;
import dev.shop.contracts.orders.OrderPaymentFailed;
import dev.shop.contracts.orders.OrderRejected;
import dev.shop.contracts.orders.OrderStatus;
import dev.shop.kit.aggregate.IllegalTransitionException;

class AlertRulesTest {

    private static final Instant AT = Instant.parse("2026-11-21T12:00:00Z");

    @Test
    void onlyASystemCancellationOfAnUnpaidCardOrderIsAPaymentFailure() {
        assertThat(AlertRules.orderCancelled(cancelled(OrderStatus.AWAITING_PAYMENT, "SYSTEM", false), "e", AT))
                .extracting(Alert::kind).containsExactly(AlertKind.PAYMENT_FAILED);
        assertThat(AlertRules.orderCancelled(cancelled(OrderStatus.AWAITING_PAYMENT, "CUSTOMER", false), "e", AT))
                .isEmpty();
        assertThat(AlertRules.orderCancelled(cancelled(OrderStatus.CONFIRMED, "SYSTEM", false), "e", AT)).isEmpty();
        assertThat(AlertRules.orderCancelled(cancelled(OrderStatus.PAID, "ADMIN", true), "e", AT))
                .extracting(Alert::kind, Alert::id).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(AlertKind.REFUND_DUE, "refund-due-o-1"));
    }

    @Test
    void aRejectionForPaymentIsAPaymentFailureAndOneForStockIsNot() {
        assertThat(AlertRules.orderRejected(new OrderRejected("o-1", "SO-1", "u", "PAYMENT_DECLINED", "Card declined",
                AT), "e", AT)).get().extracting(Alert::kind).isEqualTo(AlertKind.PAYMENT_FAILED);
        assertThat(AlertRules.orderRejected(new OrderRejected("o-1", "SO-1", "u", "OUT_OF_STOCK", "none", AT), "e",
                AT)).isEmpty();
    }

    @Test
    void everyDeclinedCardPaymentOfAnOrderIsAnAlertOfItsOwn() {
        Alert first = AlertRules.paymentFailed(declined(1), "e-1", AT);
        Alert second = AlertRules.paymentFailed(declined(2), "e-2", AT);

        assertThat(first.id()).isEqualTo("payment-failed-o-1-attempt-1")
                .isEqualTo(AlertRules.paymentFailed(declined(1), "e-1", AT).id());
        assertThat(second.id()).isEqualTo("payment-failed-o-1-attempt-2");
        assertThat(first.kind()).isEqualTo(AlertKind.PAYMENT_FAILED);
        assertThat(first.subjectId()).isEqualTo("o-1");
        assertThat(first.title()).isEqualTo("Card payment 1 failed for order SO-1: card_declined");
        assertThat(first.details()).containsEntry("amount", "4547.20 INR").containsEntry("reference", "pay_1")
                .containsEntry("failedAttempts", "1").containsEntry("provider", "razorpay");
        assertThat(first.raisedAt()).isEqualTo(AT.minusSeconds(5));
    }

    private static OrderPaymentFailed declined(int attempt) {
        return new OrderPaymentFailed("o-1", "SO-1", "u", Money.of(454_720, "INR"), "razorpay", "pay_" + attempt,
                "card_declined", attempt, AT.minusSeconds(5));
    }

    @Test
    void alertIdsAreDerivedFromTheirCauseSoRedeliveriesRaiseNothingNew() {
        StockLow low = new StockLow("p-1", "SKU", "Name", 2, 5);
        assertThat(AlertRules.lowStock(low, "ev-1", AT).id()).isEqualTo(AlertRules.lowStock(low, "ev-1", AT).id())
                .isEqualTo("low-stock-ev-1");
        DeadLetter letter = new DeadLetter("shop.dlq.cart-service.orders", 0, 17, "shop.orders.v1", "boom", "k",
                null, null, AT);
        assertThat(AlertRules.deadLetter(letter).id()).isEqualTo("dead-letter-shop.dlq.cart-service.orders-0-17");
        assertThat(AlertRules.deadLetter(letter).title()).isEqualTo("A record could not be processed by cart-service: boom");
        assertThat(AlertRules.deadLetter(letter).details()).doesNotContainKeys("eventType", "eventId");
    }

    @Test
    void anAlertIsAcknowledgedOnce() {
        Alert alert = AlertRules.lowStock(new StockLow("p-1", "SKU", "Name", 2, 5), "ev-1", AT);

        assertThat(alert.acknowledge("admin-1", "+919000000001", "done", AT)).isEmpty();
        assertThat(alert.status()).isEqualTo(Alert.Status.ACKNOWLEDGED);
        assertThat(alert.acknowledgement().actorId()).isEqualTo("admin-1");
        assertThatThrownBy(() -> alert.acknowledge("admin-2", null, null, AT))
                .isInstanceOf(IllegalTransitionException.class);
        assertThat(alert.acknowledgement().actorId()).isEqualTo("admin-1");
    }

    private static OrderCancelled cancelled(String previous, String by, boolean refundDue) {
        return new OrderCancelled("o-1", "SO-1", "u-1", previous, "timeout", by, refundDue, AT);
    }
}
