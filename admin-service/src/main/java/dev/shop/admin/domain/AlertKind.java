package dev.shop.admin.domain;

/** What an alert is about. */
public enum AlertKind {
    /** A product's stock fell below the catalogue's threshold ({@code StockLow}). */
    LOW_STOCK,
    /**
     * A card payment was declined, or a card order was given up without being paid (cancelled by the system while
     * awaiting payment, or rejected for its payment).
     */
    PAYMENT_FAILED,
    /** A paid order was cancelled: the customer is owed a refund. */
    REFUND_DUE,
    /** A service could not process an event and moved it to a dead-letter topic. */
    DEAD_LETTER
}
