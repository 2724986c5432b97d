package dev.shop.catalog.domain;

import java.util.Optional;

/**
 * The life of an order's stock reservation (docs/architecture.md). Every move is a conditional update on the current status, so
 * two deliveries of the same event racing each other can never both decide.
 *
 * <pre>
 * PENDING ──all lines taken──▶ RESERVED ──cancel/reject──▶ RELEASING ──▶ RELEASED
 *    │                            └──delivered──▶ COMPLETED
 *    ├──a line failed──▶ REJECTING (give back what was taken) ──▶ REJECTED
 *    └──cancel/reject before a decision──▶ RELEASING ──▶ RELEASED
 * </pre>
 */
public enum ReservationStatus {
    /** Lines are being taken; nothing was announced yet. */
    PENDING,
    /** Every line is held; StockReserved was written. */
    RESERVED,
    /** A line failed; the lines already taken are being given back. */
    REJECTING,
    /** Nothing is held; StockRejected was written. */
    REJECTED,
    /** The order was cancelled or rejected; the held lines are being given back. */
    RELEASING,
    /** Everything held was given back; StockReleased was written. */
    RELEASED,
    /** The order was delivered; its units are sold for good. */
    COMPLETED;

    public static Optional<ReservationStatus> parse(String value) {
        try {
            return Optional.of(valueOf(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** Whether the reservation still holds stock that a cancellation must give back. */
    public boolean holdsStock() {
        return this == RESERVED || this == PENDING || this == RELEASING;
    }
}
