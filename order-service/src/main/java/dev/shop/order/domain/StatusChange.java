package dev.shop.order.domain;

import java.time.Instant;

/**
 * One entry of an order's status history.
 *
 * @param status the status the order entered
 * @param at when
 * @param reason why, in words a customer can read
 */
public record StatusChange(OrderState status, Instant at, String reason) {
}
