package dev.shop.order.domain;

/** What happened to the money of an order. */
public enum PaymentStatus {
    /** Nothing taken yet: cash is due on delivery, or the card payment has not been captured. */
    PENDING,
    /** The money is in: the card payment was captured, or the cash was collected on delivery. */
    PAID,
    /** The order ended before any money was taken; nothing is owed either way. */
    VOIDED,
    /** The order was cancelled after the card payment: the payment provider owes the customer a refund. */
    REFUND_DUE,
    /** The refund went through. */
    REFUNDED
}
