package dev.shop.order.domain;

import java.util.Optional;

import dev.shop.contracts.orders.OrderCancelled;
import dev.shop.contracts.orders.OrderConfirmed;
import dev.shop.contracts.orders.OrderDelivered;
import dev.shop.contracts.orders.OrderPaid;
import dev.shop.contracts.orders.OrderRejected;
import dev.shop.contracts.orders.OrderShipped;

/**
 * The text messages a customer gets as their order moves on: one per status change they care about (confirmed, paid,
 * shipped, delivered, rejected, cancelled). Other events tell the customer nothing.
 */
public final class CustomerMessages {

    /** Longest text sent (two SMS segments). */
    public static final int MAX_LENGTH = 300;

    /** The status change a message is about; one message per order and kind. */
    public enum Kind {
        CONFIRMED,
        PAID,
        SHIPPED,
        DELIVERED,
        REJECTED,
        CANCELLED
    }

    /** A message to send. */
    public record Message(Kind kind, String text) {
    }

    private CustomerMessages() {
    }

    /**
     * The message announcing {@code event} (an order event payload) about {@code order}, signed with {@code brand}.
     */
    public static Optional<Message> of(Order order, Object event, String brand) {
        String number = order.number();
        Message message;
        if (event instanceof OrderConfirmed) {
            message = new Message(Kind.CONFIRMED, "your order " + number + " is confirmed. Please pay "
                    + Amounts.format(order.totals().total()) + " in cash on delivery.");
        } else if (event instanceof OrderPaid paid) {
            message = new Message(Kind.PAID, "we received your payment of " + Amounts.format(paid.amount())
                    + " for order " + number + ". Thank you!");
        } else if (event instanceof OrderShipped shipped) {
            message = new Message(Kind.SHIPPED, "your order " + number + " has shipped with " + shipped.carrier()
                    + ", tracking number " + shipped.trackingNumber() + ".");
        } else if (event instanceof OrderDelivered) {
            message = new Message(Kind.DELIVERED, "your order " + number + " has been delivered.");
        } else if (event instanceof OrderRejected rejected) {
            message = new Message(Kind.REJECTED, "sorry, we could not accept your order " + number + ": "
                    + rejected.detail() + ". Nothing was charged.");
        } else if (event instanceof OrderCancelled cancelled) {
            message = new Message(Kind.CANCELLED, "your order " + number + " was cancelled: " + cancelled.reason()
                    + "." + (cancelled.refundDue() ? " Your payment of " + Amounts.format(order.totals().total())
                            + " will be refunded." : ""));
        } else {
            return Optional.empty();
        }
        String text = brand + ": " + message.text().replaceAll("\\s+", " ").replace("..", ".");
        return Optional.of(new Message(message.kind(),
                text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 1) + "…"));
    }
}
