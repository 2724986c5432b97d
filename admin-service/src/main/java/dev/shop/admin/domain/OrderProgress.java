package dev.shop.admin.domain;

import java.time.Instant;
import java.util.Set;

import dev.shop.contracts.orders.OrderStatus;

/**
 * Orders the statuses of an order so that events arriving late or twice never move the order index backwards. Every
 * transition of the order state machine goes to a higher rank ({@code PENDING → CONFIRMED | AWAITING_PAYMENT |
 * REJECTED}, {@code AWAITING_PAYMENT → PAID | CANCELLED}, {@code CONFIRMED | PAID → SHIPPED → DELIVERED}, cancellation
 * before shipping), so the status with the highest rank is the newest; the event time only separates equal ranks.
 */
public final class OrderProgress {

    /** Statuses whose orders count as sold (revenue). */
    public static final Set<String> SOLD = Set.of(OrderStatus.CONFIRMED, OrderStatus.PAID, OrderStatus.SHIPPED,
            OrderStatus.DELIVERED);

    /** Every status an order can have. */
    public static final Set<String> ALL = Set.of(OrderStatus.PENDING, OrderStatus.CONFIRMED,
            OrderStatus.AWAITING_PAYMENT, OrderStatus.PAID, OrderStatus.REJECTED, OrderStatus.CANCELLED,
            OrderStatus.SHIPPED, OrderStatus.DELIVERED);

    /**
     * Stages of the refund a cancellation may owe, in the order they happen: the cancellation decides whether a refund
     * is due, and the provider's refund of the cancelled payment settles it. A later stage is never undone by an earlier
     * one arriving after it.
     */
    public static final int REFUND_DECIDED = 1;
    public static final int REFUND_SETTLED = 2;

    private static final long RANK_SPAN = 10_000_000_000_000L;

    private OrderProgress() {
    }

    public static int rank(String status) {
        return switch (status) {
            case OrderStatus.PENDING -> 0;
            case OrderStatus.AWAITING_PAYMENT, OrderStatus.CONFIRMED -> 1;
            case OrderStatus.PAID -> 2;
            case OrderStatus.SHIPPED, OrderStatus.CANCELLED, OrderStatus.REJECTED -> 3;
            case OrderStatus.DELIVERED -> 4;
            default -> throw new IllegalArgumentException("unknown order status " + status);
        };
    }

    /** A number that grows with every later status: rank first, then the time of the change. */
    public static long position(String status, Instant at) {
        return rank(status) * RANK_SPAN + Math.max(0, Math.min(at.toEpochMilli(), RANK_SPAN - 1));
    }
}
