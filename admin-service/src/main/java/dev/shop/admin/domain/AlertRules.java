package dev.shop.admin.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.shop.contracts.catalog.StockLow;
import dev.shop.contracts.common.Money;
import dev.shop.contracts.orders.OrderCancelled;
import dev.shop.contracts.orders.OrderPaymentFailed;
import dev.shop.contracts.orders.OrderRejected;
import dev.shop.contracts.orders.OrderStatus;

/**
 * Which events raise which alerts. Alert ids are derived from what the alert is about, so a redelivered event raises
 * nothing new: one alert per low-stock crossing (the event), one per declined payment attempt of an order, one payment
 * failure (an order given up unpaid or rejected for its payment) and one refund per order, one alert per dead-lettered
 * record.
 */
public final class AlertRules {

    private static final String CANCELLED_BY_SYSTEM = "SYSTEM";

    private AlertRules() {
    }

    public static Alert lowStock(StockLow low, String eventId, Instant at) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("sku", low.sku());
        details.put("name", low.name());
        details.put("stock", Integer.toString(low.stock()));
        details.put("threshold", Integer.toString(low.threshold()));
        return Alert.raise("low-stock-" + eventId, AlertKind.LOW_STOCK, "product", low.productId(),
                "Low stock: " + label(low.name(), low.sku()) + " has " + low.stock() + " left (threshold "
                        + low.threshold() + ")",
                details, at, eventId);
    }

    /**
     * A card order the system cancelled while it waited for payment is a payment that did not happen; a cancelled order
     * with a refund due needs one.
     */
    public static List<Alert> orderCancelled(OrderCancelled cancelled, String eventId, Instant at) {
        List<Alert> alerts = new ArrayList<>();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("number", cancelled.number());
        details.put("userId", cancelled.userId());
        details.put("previousStatus", cancelled.previousStatus());
        details.put("reason", cancelled.reason());
        details.put("cancelledBy", cancelled.cancelledBy());
        if (OrderStatus.AWAITING_PAYMENT.equals(cancelled.previousStatus())
                && CANCELLED_BY_SYSTEM.equals(cancelled.cancelledBy())) {
            alerts.add(Alert.raise("payment-failed-" + cancelled.orderId(), AlertKind.PAYMENT_FAILED, "order",
                    cancelled.orderId(), "Payment not completed for order " + cancelled.number()
                            + (cancelled.reason() == null ? "" : ": " + cancelled.reason()),
                    details, at, eventId));
        }
        if (cancelled.refundDue()) {
            alerts.add(Alert.raise("refund-due-" + cancelled.orderId(), AlertKind.REFUND_DUE, "order",
                    cancelled.orderId(), "Refund due for cancelled order " + cancelled.number(), details, at,
                    eventId));
        }
        return alerts;
    }

    /**
     * A card payment the provider declined. The order keeps waiting for a payment, so every attempt is its own alert,
     * named by the order and the attempt's number.
     */
    public static Alert paymentFailed(OrderPaymentFailed failed, String eventId, Instant at) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("number", failed.number());
        details.put("userId", failed.userId());
        details.put("amount", amount(failed.amount()));
        details.put("provider", failed.provider());
        details.put("reference", failed.reference());
        details.put("reason", failed.reason());
        details.put("failedAttempts", Integer.toString(failed.failedAttempts()));
        return Alert.raise("payment-failed-" + failed.orderId() + "-attempt-" + failed.failedAttempts(),
                AlertKind.PAYMENT_FAILED, "order", failed.orderId(),
                "Card payment " + failed.failedAttempts() + " failed for order " + failed.number()
                        + (failed.reason() == null ? "" : ": " + failed.reason()),
                details, failed.failedAt() == null ? at : failed.failedAt(), eventId);
    }

    /** An order refused because of its payment (rather than its stock) is a payment failure. */
    public static Optional<Alert> orderRejected(OrderRejected rejected, String eventId, Instant at) {
        String reason = rejected.reason() == null ? "" : rejected.reason().toUpperCase(Locale.ROOT);
        if (!reason.contains("PAYMENT")) {
            return Optional.empty();
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("number", rejected.number());
        details.put("userId", rejected.userId());
        details.put("reason", rejected.reason());
        details.put("detail", rejected.detail());
        return Optional.of(Alert.raise("payment-failed-" + rejected.orderId(), AlertKind.PAYMENT_FAILED, "order",
                rejected.orderId(), "Payment failed for order " + rejected.number()
                        + (rejected.detail() == null ? "" : ": " + rejected.detail()),
                details, at, eventId));
    }

    public static Alert deadLetter(DeadLetter letter) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("topic", letter.topic());
        details.put("partition", Integer.toString(letter.partition()));
        details.put("offset", Long.toString(letter.offset()));
        details.put("originalTopic", letter.originalTopic());
        details.put("reason", letter.reason());
        details.put("key", letter.key());
        details.put("eventType", letter.eventType());
        details.put("eventId", letter.eventId());
        String what = letter.eventType() == null ? "A record" : "A " + letter.eventType() + " event";
        return Alert.raise("dead-letter-" + letter.topic() + "-" + letter.partition() + "-" + letter.offset(),
                AlertKind.DEAD_LETTER, "topic", letter.topic(),
                what + " could not be processed by " + letter.service()
                        + (letter.reason() == null ? "" : ": " + letter.reason()),
                details, letter.at(), letter.eventId());
    }

    /** {@code 4547.20 INR}: the amount in the currency's major unit, as an admin reads it. */
    private static String amount(Money money) {
        if (money == null || money.currency() == null) {
            return null;
        }
        int digits = Math.max(0, Currency.getInstance(money.currency()).getDefaultFractionDigits());
        return BigDecimal.valueOf(money.amount(), digits).toPlainString() + " " + money.currency();
    }

    private static String label(String name, String sku) {
        if (name == null) {
            return sku;
        }
        return sku == null ? name : name + " (" + sku + ")";
    }
}
