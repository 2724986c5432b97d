package dev.shop.contracts.orders;

/** The order statuses as they appear in order events. */
public final class OrderStatus {

    public static final String PENDING = "PENDING";
    public static final String CONFIRMED = "CONFIRMED";
    public static final String AWAITING_PAYMENT = "AWAITING_PAYMENT";
    public static final String PAID = "PAID";
    public static final String REJECTED = "REJECTED";
    public static final String CANCELLED = "CANCELLED";
    public static final String SHIPPED = "SHIPPED";
    public static final String DELIVERED = "DELIVERED";

    /** Payment methods. */
    public static final String COD = "COD";
    public static final String CARD = "CARD";

    private OrderStatus() {
    }
}
