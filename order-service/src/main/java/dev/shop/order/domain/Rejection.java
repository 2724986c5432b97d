package dev.shop.order.domain;

import java.time.Instant;
import java.util.List;

/**
 * Why an order could not be confirmed.
 *
 * @param reason machine-readable: a stock reason of the catalogue ({@code OUT_OF_STOCK}, ...), {@code STOCK_UNAVAILABLE}
 *        when lines failed for different reasons, or {@link #STOCK_TIMEOUT}
 * @param detail human-readable, naming the products
 * @param lines the lines that could not be reserved, each with its reason (empty for a timeout)
 * @param at when
 */
public record Rejection(String reason, String detail, List<RejectedLine> lines, Instant at) {

    /** The catalogue never answered the reservation within the configured time. */
    public static final String STOCK_TIMEOUT = "STOCK_TIMEOUT";
    /** Lines failed for different reasons; see {@link #lines}. */
    public static final String STOCK_UNAVAILABLE = "STOCK_UNAVAILABLE";

    public Rejection {
        lines = List.copyOf(lines);
    }

    /**
     * One line the catalogue could not reserve.
     *
     * @param productId product id
     * @param requested units the order asked for
     * @param available units the catalogue had
     * @param reason the catalogue's reason ({@code OUT_OF_STOCK}, {@code INSUFFICIENT_STOCK}, {@code NOT_AVAILABLE},
     *        {@code NOT_FOUND}, {@code INVALID_QUANTITY})
     */
    public record RejectedLine(String productId, int requested, int available, String reason) {
    }
}
