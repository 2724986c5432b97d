package dev.shop.order.domain;

import java.time.Instant;

/**
 * How an order travels to the customer.
 *
 * @param carrier the carrier's name
 * @param trackingNumber the carrier's tracking number
 * @param shippedAt when it left the warehouse
 */
public record Shipment(String carrier, String trackingNumber, Instant shippedAt) {
}
