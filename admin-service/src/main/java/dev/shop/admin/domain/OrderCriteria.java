package dev.shop.admin.domain;

import java.time.Instant;

/**
 * A search of the order index; every part is optional.
 *
 * @param status one of the order statuses
 * @param userId the customer
 * @param number the order number, exactly
 * @param from placed at or after
 * @param to placed before
 */
public record OrderCriteria(String status, String userId, String number, Instant from, Instant to) {
}
